import { describe, expect, it } from 'vitest'
import { compareKeyings, mergeKeyings } from './double-entry.ts'
import type { Response } from './schema.ts'

const keying = (overrides: Partial<Response> = {}): Response => ({
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  surveyId: 's',
  surveyVersion: 1,
  unitId: 'u1',
  groupId: 'citizen',
  locationId: null,
  channel: 'paper',
  paperSerial: 'BK-12',
  answers: { q1: 'good', q2: ['a', 'b'], q3: 3, q4: 'yes', 'q4:other': 'Bưu điện' },
  startedAt: '2025-10-01T08:00:00.000+07:00',
  submittedAt: '2025-10-01T08:10:00.000+07:00',
  deviceId: 'tablet-1',
  ...overrides,
})

describe('compareKeyings', () => {
  it('two keyings of the same paper agree whoever keyed them, whenever, and however the serial was typed', () => {
    const other = keying({
      id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      paperSerial: 'bk 12',
      deviceId: 'tablet-2',
      submittedAt: '2025-10-03T09:00:00.000+07:00',
      answers: { q1: 'good', q2: ['b', 'a'], q3: 3, q4: 'yes', 'q4:other': ' Bưu điện ' },
    })
    expect(compareKeyings(keying(), other)).toEqual([])
  })

  it('names each question whose answer differs, in questionnaire order, an "other" text under its question', () => {
    const other = keying({ answers: { q1: 'poor', q2: ['a'], q3: 3, q4: 'yes', 'q4:other': 'UBND xã', q5: 'x' } })
    expect(compareKeyings(keying(), other, ['q5', 'q4', 'q3', 'q2', 'q1'])).toEqual([
      { kind: 'answer', questionId: 'q5' },
      { kind: 'answer', questionId: 'q4' },
      { kind: 'answer', questionId: 'q2' },
      { kind: 'answer', questionId: 'q1' },
    ])
  })

  it('a blank on one side and an answer on the other differ; the number 3 and the text "3" differ', () => {
    const blank = keying({ answers: { q1: 'good', q2: ['a', 'b'], q4: 'yes', 'q4:other': 'Bưu điện' } })
    expect(compareKeyings(keying(), blank)).toEqual([{ kind: 'answer', questionId: 'q3' }])
    const text = keying({ answers: { ...keying().answers, q3: '3' } })
    expect(compareKeyings(keying(), text)).toEqual([{ kind: 'answer', questionId: 'q3' }])
  })

  it('the unit, group, location and survey version keyed are compared too, before the answers', () => {
    const other = keying({
      unitId: 'u2',
      locationId: 'xa-1',
      surveyVersion: 2,
      answers: { ...keying().answers, q1: 'fair' },
    })
    expect(compareKeyings(keying(), other)).toEqual([
      { kind: 'header', field: 'surveyVersion' },
      { kind: 'header', field: 'unitId' },
      { kind: 'header', field: 'locationId' },
      { kind: 'answer', questionId: 'q1' },
    ])
  })
})

describe('mergeKeyings', () => {
  it('keeps the base keying and takes each picked question, with its "other" text, from the keying named', () => {
    const base = keying()
    const second = keying({ answers: { q1: 'poor', q2: ['c'], q3: 3, q4: 'other', 'q4:other': 'Công an xã' } })
    const merged = mergeKeyings(base, { q1: second, q4: second })
    expect(merged.answers).toEqual({ q1: 'poor', q2: ['a', 'b'], q3: 3, q4: 'other', 'q4:other': 'Công an xã' })
    expect(merged.id).toBe(base.id)
  })

  it('a question picked from a keying that left it blank is blank in the result', () => {
    const second = keying({ answers: { q1: 'good' } })
    const merged = mergeKeyings(keying(), { q4: second, q3: second })
    expect(merged.answers).toEqual({ q1: 'good', q2: ['a', 'b'] })
    expect(compareKeyings(merged, keying())).toEqual([
      { kind: 'answer', questionId: 'q3' },
      { kind: 'answer', questionId: 'q4' },
    ])
  })
})
