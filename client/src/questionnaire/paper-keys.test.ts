import { makeTypedSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import { paperKey } from './paper-keys.ts'

const survey = makeTypedSurvey()
const question = (id: string) => survey.questions.find((q) => q.id === id)!
const body = { tag: 'BODY' }

describe('paperKey', () => {
  it('picks the option printed with the number typed, 0 for the tenth', () => {
    expect(paperKey(question('q1'), '1', body)).toEqual({ kind: 'option', value: 'very-good' })
    expect(paperKey(question('q1'), '5', body)).toEqual({ kind: 'option', value: 'dont-know' })
    expect(paperKey(question('q1'), '6', body)).toBeNull()
    expect(paperKey(question('q1'), '0', body)).toBeNull()
    expect(paperKey(question('ways'), '4', { tag: 'INPUT', type: 'checkbox' })).toEqual({
      kind: 'option',
      value: 'other',
    })
  })

  it('leaves digits typed into a text or number field where they are', () => {
    expect(paperKey(question('ways'), '1', { tag: 'INPUT', type: 'text' })).toBeNull()
    expect(paperKey(question('visits'), '1', body)).toBeNull()
  })

  it('moves on with Enter (from a text area too), finishes on the review screen, and leaves buttons their own Enter', () => {
    expect(paperKey(question('visits'), 'Enter', { tag: 'INPUT', type: 'text' })).toEqual({ kind: 'next' })
    expect(paperKey(null, 'Enter', body)).toEqual({ kind: 'finish' })
    expect(paperKey(question('q1'), 'Enter', { tag: 'BUTTON' })).toBeNull()
    expect(paperKey(question('comment'), 'Enter', { tag: 'TEXTAREA' })).toEqual({ kind: 'next' })
    expect(paperKey(question('q1'), 'Enter', { tag: 'A' })).toBeNull()
  })
})
