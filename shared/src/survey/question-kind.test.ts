import { describe, expect, it } from 'vitest'
import { makeTypedSurvey } from './fixtures-typed.ts'
import { answerCell, isBlank, isRequired, isScored, isSingleChoice } from './question-kind.ts'

const survey = makeTypedSurvey()
const question = (id: string) => survey.questions.find((q) => q.id === id)!

describe('question kinds', () => {
  it('requires scored questions and leaves profile, comment and new-type questions optional unless the survey says so', () => {
    expect(isRequired(question('q1'))).toBe(true)
    expect(isRequired(question('age'))).toBe(false)
    expect(isRequired(question('comment'))).toBe(false)
    expect(isRequired(question('visits'))).toBe(false)
    expect(isRequired({ ...question('age'), required: true })).toBe(true)
    expect(isRequired({ ...question('q1'), required: false })).toBe(false)
    expect(isRequired({ ...question('intro'), required: true })).toBe(false)
  })

  it('reads choice as single, and scores single-choice questions with a criterion only', () => {
    expect(isSingleChoice({ type: 'choice' })).toBe(true)
    expect(isScored(question('q1'))).toBe(true)
    expect(isScored(question('online'))).toBe(false)
    expect(isScored({ ...question('ways'), criterion: '1.1' })).toBe(false)
  })

  it('counts absent, null, spaces and no option ticked as blank, but never a number', () => {
    expect([undefined, null, '', '  ', []].every(isBlank)).toBe(true)
    expect([0, 'a', ['x']].some(isBlank)).toBe(false)
    expect(answerCell(['web', 'post'])).toBe('web post')
    expect(answerCell(0)).toBe(0)
  })
})
