import fc from 'fast-check'
import {
  addResponse,
  emptyState,
  fastValidResponse,
  generateResponses,
  stateToRows,
  type ScoringState,
} from '@parsurvey/shared'
import { makeResponse, makeSurvey, makeTypedSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import { fastResponse } from './fast-response.ts'
import { PendingResponses } from './pending-responses.ts'
import { ResponseCounter } from './response-counter.ts'
import { counterLayout } from './counter-layout.ts'

const survey = makeSurvey()
const layout = counterLayout(survey)

/** Every integer of a state (counts, don't-knows, option counts, tallies), in a stable order. */
function counts(state: ScoringState) {
  const rows = stateToRows(state)
  const key = (r: object) => JSON.stringify(r)
  return {
    cells: rows.cells.map(({ sum: _s, sumSq: _q, ...rest }) => rest).sort((a, b) => key(a).localeCompare(key(b))),
    options: [...rows.options].sort((a, b) => key(a).localeCompare(key(b))),
    tallies: [...rows.tallies].sort((a, b) => key(a).localeCompare(key(b))),
  }
}

const oddValues = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  ' ',
  1,
  true,
  [],
  {},
  'good',
  'dont-know',
  'xa-1',
  'xa-9',
  'huyen-a',
  'huyen-b',
  'citizen',
  'leader',
  'paper',
  'P-1',
  ' P-1 ',
  'x'.repeat(101),
  'x'.repeat(4001),
  '2025-10-01T08:00:00+07:00',
  '2025-02-29T08:00:00Z',
  '2025-10-01T24:00:00Z',
  '2025-10-01T08:00:00.123456Z',
  '2025-09-30T23:00:00Z',
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

describe('fastResponse', () => {
  it('accepts the common valid response and counts exactly what addResponse adds', () => {
    const counter = new ResponseCounter(layout)
    const pending = new PendingResponses()
    const state = emptyState()
    for (const response of generateResponses(survey, 500, 'tally')) {
      const input = JSON.parse(JSON.stringify(response)) as unknown
      expect(fastResponse(layout, input, pending)).toBe(response.id)
      addResponse(state, survey, fastValidResponse(survey, input)!)
    }
    pending.commit(counter)
    expect(counts(counter.toState())).toEqual(counts(state))
  })

  it('never accepts what fast-validate refuses, and counts what it accepts as addResponse would', () => {
    fc.assert(
      fc.property(mutated, (input) => {
        const pending = new PendingResponses()
        const id = fastResponse(layout, input, pending)
        const valid = fastValidResponse(survey, input)
        if (id === undefined) {
          expect(pending.count).toBe(0)
          return
        }
        expect(valid).toBeDefined()
        expect(id).toBe(valid!.id)
        const counter = new ResponseCounter(layout)
        pending.commit(counter)
        const state = emptyState()
        addResponse(state, survey, valid!)
        expect(counts(counter.toState())).toEqual(counts(state))
      }),
      { numRuns: 3000 },
    )
  })

  it('on a survey with every type and skip logic, accepts only what fast-validate accepts, and every valid one of a group without logic', () => {
    const typed = makeTypedSurvey()
    const typedLayout = counterLayout(typed)
    let fastCount = 0
    for (const response of generateResponses(typed, 400, 'typed')) {
      for (const channel of ['field', 'paper'] as const) {
        const input = JSON.parse(JSON.stringify({ ...response, channel, paperSerial: undefined })) as Record<
          string,
          unknown
        >
        if (channel === 'field') (input.answers as Record<string, unknown>).q1 = null
        const pending = new PendingResponses()
        const id = fastResponse(typedLayout, input, pending)
        const valid = fastValidResponse(typed, input)
        expect(id).toBe(valid?.id)
        if (id !== undefined) fastCount++
        if (response.groupId === 'leader' && channel === 'paper') expect(id).toBeDefined()
      }
    }
    expect(fastCount).toBeGreaterThan(50)
  })

  it('leaves out the responses the caller skips', () => {
    const pending = new PendingResponses()
    const [a, b, c] = [...generateResponses(survey, 3, 'skip')]
    fastResponse(layout, JSON.parse(JSON.stringify(a)), pending)
    pending.pushResponse(b!)
    fastResponse(layout, JSON.parse(JSON.stringify(c)), pending)
    const counter = new ResponseCounter(layout)
    pending.commit(counter, [1])
    const state = emptyState()
    addResponse(state, survey, a!)
    addResponse(state, survey, c!)
    expect(counts(counter.toState())).toEqual(counts(state))
  })
})
