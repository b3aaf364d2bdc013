import { describe, expect, it } from 'vitest'
import { makeSurvey } from '../survey/fixtures.ts'
import { addResponse, removeResponse } from './accumulate.ts'
import { responseContributions } from './contributions.ts'
import { mergeStates } from './merge.ts'
import { stateFromRows, stateToRows } from './rows.ts'
import { scoreSurvey } from './score.ts'
import { emptyState, findCell } from './state.ts'
import { response, stateOf } from './test-support.ts'

describe('scoring state', () => {
  const survey = makeSurvey()

  it('keeps count, sum, sumSq, dontKnow and option counts per unit × group × question', () => {
    const state = stateOf(survey, [
      response('huyen-a', 'citizen', { q1: 'good', q3: null }),
      response('huyen-a', 'citizen', { q1: 'fair' }),
      response('huyen-a', 'citizen', { q1: 'dont-know' }),
    ])
    expect(findCell(state, 'huyen-a', 'citizen', 'q1')).toEqual({
      count: 2,
      sum: 1.25,
      sumSq: 0.8125,
      dontKnow: 1,
      options: { good: 1, fair: 1, 'dont-know': 1 },
    })
    expect(findCell(state, 'huyen-a', 'citizen', 'q3')).toBeUndefined()
  })

  it('lists the rows one response adds, for the server to UPSERT', () => {
    const rows = responseContributions(
      survey,
      response('huyen-a', 'leader', { q1: 'good', q2: 'dont-know', age: '35-plus', comment: 'ok', q3: null }, 'xa-2'),
    )
    expect(rows.tallies).toEqual([{ unitId: 'huyen-a', groupId: 'leader', locationId: 'xa-2', responses: 1 }])
    expect(rows.cells).toEqual([
      { unitId: 'huyen-a', groupId: 'leader', questionId: 'q1', count: 1, sum: 0.75, sumSq: 0.5625, dontKnow: 0 },
      { unitId: 'huyen-a', groupId: 'leader', questionId: 'q2', count: 0, sum: 0, sumSq: 0, dontKnow: 1 },
    ])
    expect(rows.options.map((r) => [r.questionId, r.value, r.count])).toEqual([
      ['q1', 'good', 1],
      ['q2', 'dont-know', 1],
      ['age', '35-plus', 1],
    ])
  })

  it('round-trips through flat rows', () => {
    const state = stateOf(survey, [
      response('huyen-a', 'leader', { q1: 'good', age: 'under-35' }, 'xa-1'),
      response('huyen-b', 'citizen', { q1: 'poor', q4: 'dont-know' }),
    ])
    const rebuilt = stateFromRows(stateToRows(state))
    expect(rebuilt).toEqual(state)
    expect(scoreSurvey(survey, rebuilt)).toEqual(scoreSurvey(survey, state))
  })

  it('removing every response leaves an empty state', () => {
    const responses = [
      response('huyen-a', 'leader', { q1: 'good', age: 'under-35' }, 'xa-1'),
      response('huyen-a', 'leader', { q1: 'fair' }),
    ]
    const state = stateOf(survey, responses)
    for (const r of responses) removeResponse(state, survey, r)
    expect(state).toEqual(emptyState())
  })

  it('merges two states without touching them', () => {
    const a = stateOf(survey, [response('huyen-a', 'leader', { q1: 'good' })])
    const b = stateOf(survey, [response('huyen-a', 'leader', { q1: 'poor' })])
    const before = stateToRows(a)
    const merged = mergeStates(a, b)
    expect(findCell(merged, 'huyen-a', 'leader', 'q1')).toMatchObject({
      count: 2,
      sum: 0.75,
      options: { good: 1, poor: 1 },
    })
    expect(stateToRows(a)).toEqual(before)
  })

  it('handles an option value named like an Object property', () => {
    const odd = makeSurvey()
    const q1 = odd.questions[0]
    if (q1)
      q1.options = [
        { value: 'constructor', label: { vi: 'Lạ', en: 'Odd' }, score: 1 },
        { value: 'toString', label: { vi: 'Lạ', en: 'Odd' }, score: 0 },
      ]
    const state = emptyState()
    addResponse(state, odd, response('huyen-a', 'leader', { q1: 'constructor' }))
    expect(findCell(state, 'huyen-a', 'leader', 'q1')?.options).toEqual({ constructor: 1 })
    expect(scoreSurvey(odd, state).units.find((u) => u.unitId === 'huyen-a')?.criteria['1.1']).toBe(10)
  })

  it('falls back to the float sums when option counts were not persisted', () => {
    const state = stateOf(survey, [
      response('huyen-a', 'leader', { q1: 'good' }),
      response('huyen-a', 'leader', { q1: 'fair' }),
    ])
    const rows = stateToRows(state)
    const cellsOnly = stateFromRows({ ...rows, options: [] })
    expect(scoreSurvey(survey, cellsOnly)).toEqual(scoreSurvey(survey, state))
  })
})
