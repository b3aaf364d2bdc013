import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeTypedSurvey } from '../survey/fixtures-typed.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import { makeResponse } from './fixtures.ts'
import { fastValidResponse } from './fast-validate.ts'
import { generateResponses } from './generate.ts'
import { validateResponseFully } from './validate.ts'

const survey = makeSurvey()

/** Field values worth trying: valid ones, near misses and wrong types. */
const oddValues = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  ' ',
  1,
  0,
  true,
  [],
  {},
  'good',
  'dont-know',
  'xa-1',
  'xa-9',
  'huyen-a',
  'citizen',
  'leader',
  'paper',
  'field',
  'P-1',
  ' P-1 ',
  'x'.repeat(101),
  '2025-10-01T08:00:00+07:00',
  '2025-02-29T08:00:00Z',
  '2024-02-29T08:00:00Z',
  '2025-04-31T08:00:00Z',
  '2025-10-01T24:00:00Z',
  '2025-10-01T08:00+07:00',
  '2025-10-01T08:00:00.123456Z',
  '2025-10-01 08:00:00Z',
  '2025-10-01T08:00:00+0700',
  '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
  '6F1C2D3E-4B5A-4C6D-8E7F-901234567890',
  '6f1c2d3e-4b5a-3c6d-8e7f-901234567890',
  'test-2025-district',
  2,
  '__proto__',
  'constructor',
)
const fields = [
  'id',
  'surveyId',
  'surveyVersion',
  'unitId',
  'groupId',
  'locationId',
  'channel',
  'startedAt',
  'submittedAt',
  'deviceId',
  'paperSerial',
  'extra',
]
const answerKeys = ['q1', 'q2', 'q3', 'q4', 'age', 'comment', 'nope', '__proto__', 'toString']

/** A valid response with a few fields and answers replaced by odd values. */
const mutated = fc
  .record({
    top: fc.array(fc.tuple(fc.constantFrom(...fields), oddValues), { maxLength: 3 }),
    answers: fc.array(fc.tuple(fc.constantFrom(...answerKeys), oddValues), { maxLength: 3 }),
  })
  .map(({ top, answers }) => {
    const input = JSON.parse(JSON.stringify(makeResponse())) as Record<string, unknown>
    const a = input.answers as Record<string, unknown>
    for (const [k, v] of top) input[k] = v
    for (const [k, v] of answers)
      Object.defineProperty(a, k, { value: v, enumerable: true, writable: true, configurable: true })
    return input
  })

describe('fastValidResponse', () => {
  it('accepts the common valid response and gives exactly what the full validation gives', () => {
    for (const response of generateResponses(survey, 300, 'fast')) {
      const input = JSON.parse(JSON.stringify(response)) as unknown
      const full = validateResponseFully(survey, input)
      expect(full.ok).toBe(true)
      expect(fastValidResponse(survey, input)).toEqual(full.ok && full.response)
    }
  })

  it('never accepts what the full validation refuses, and agrees on what both accept', () => {
    fc.assert(
      fc.property(mutated, (input) => {
        const fast = fastValidResponse(survey, input)
        if (fast === undefined) return
        const full = validateResponseFully(survey, input)
        expect(full.ok).toBe(true)
        if (full.ok) {
          expect(fast).toEqual(full.response)
          expect(Object.getPrototypeOf(fast.answers)).toBeNull()
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('agrees with the full validation on a survey of every type with skip logic', () => {
    const typed = makeTypedSurvey()
    const typedKeys = [
      'q1',
      'q4',
      'online',
      'ways',
      'ways:other',
      'satisfied',
      'visits',
      'fee',
      'visited-on',
      'why-not',
      'intro',
    ]
    const typedValues = fc.constantFrom<unknown>(
      null,
      'yes',
      'no',
      'web',
      ['web'],
      ['other'],
      [],
      3,
      13,
      2.5,
      '2024-01-01',
      'x',
      'good',
    )
    const generated = [...generateResponses(typed, 200, 'typed')]
    const inputs = fc
      .record({
        base: fc.integer({ min: 0, max: 199 }),
        channel: fc.constantFrom('field', 'paper'),
        answers: fc.array(fc.tuple(fc.constantFrom(...typedKeys), typedValues), { maxLength: 4 }),
      })
      .map(({ base, channel, answers }) => {
        const response = generated[base]!
        const input = JSON.parse(JSON.stringify({ ...response, channel, paperSerial: undefined })) as Record<
          string,
          unknown
        >
        Object.assign(input.answers as object, Object.fromEntries(answers))
        return input
      })
    fc.assert(
      fc.property(inputs, (input) => {
        const full = validateResponseFully(typed, input)
        const fast = fastValidResponse(typed, input)
        if (fast !== undefined) expect(full).toEqual({ ok: true, response: fast })
        // Every response of a group without logic that the full validation accepts takes the fast path.
        if (full.ok && input.groupId === 'leader') expect(fast).toBeDefined()
      }),
      { numRuns: 300 },
    )
  })

  it('gives only valid responses from the generator, for every type and its logic', () => {
    const typed = makeTypedSurvey()
    for (const response of generateResponses(typed, 400, 'valid')) {
      expect(validateResponseFully(typed, JSON.parse(JSON.stringify(response)))).toMatchObject({ ok: true })
    }
  })

  it('leaves unusual input to the full validation (which explains the problem)', () => {
    expect(fastValidResponse(survey, makeResponse({ paperSerial: ' P-1 ', channel: 'paper' }))).toBeUndefined()
    expect(fastValidResponse(survey, makeResponse({ answers: { q1: 'excellent' } }))).toBeUndefined()
    expect(fastValidResponse(survey, [makeResponse()])).toBeUndefined()
  })
})
