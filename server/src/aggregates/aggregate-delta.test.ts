import { addResponse, emptyState, stateToRows, type CellRow } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import { makeResponse } from '../testing/harness.ts'
import { aggregateDelta } from './aggregate-delta.ts'

describe('aggregateDelta', () => {
  it('merges the answers of many responses into one row per cell, option and tally, equal to adding them one by one', () => {
    const survey = makeSurvey()
    const key = { surveyId: survey.id, surveyVersion: survey.version }
    const values = ['very-good', 'good', 'fair', 'poor', 'dont-know'] as const
    const responses = Array.from({ length: 60 }, (_, i) =>
      makeResponse({ answers: { q1: values[i % 5]!, q2: values[(i * 3) % 5]!, q3: values[(i * 2) % 5]! } }),
    )
    const batch = aggregateDelta()
    const state = emptyState()
    for (const r of responses) {
      batch.add(survey, r, 7)
      addResponse(state, survey, r)
    }
    const [merged, ...others] = batch.rows()
    expect(others).toEqual([])
    expect(merged!.key).toEqual(key)
    const expected = stateToRows(state)
    const byCell = (rows: CellRow[]) =>
      [...rows].sort((a, b) =>
        `${a.unitId}${a.groupId}${a.questionId}`.localeCompare(`${b.unitId}${b.groupId}${b.questionId}`),
      )
    const cells = byCell(merged!.rows.cells)
    const want = byCell(expected.cells.filter((c) => c.count !== 0 || c.dontKnow !== 0))
    expect(cells.map(({ sum: _s, sumSq: _q, ...c }) => c)).toEqual(want.map(({ sum: _s, sumSq: _q, ...c }) => c))
    cells.forEach((cell, i) => {
      expect(cell.sum).toBeCloseTo(want[i]!.sum, 9)
      expect(cell.sumSq).toBeCloseTo(want[i]!.sumSq, 9)
    })
    expect(merged!.rows.tallies).toEqual([{ unitId: 'huyen-a', groupId: 'leader', locationId: null, responses: 60 }])
    expect(merged!.rows.options.reduce((n, o) => n + o.count, 0)).toBe(180)
    expect(merged!.progress).toEqual([
      { unitId: 'huyen-a', receivedBy: 7, submittedAt: responses[0]!.submittedAt, responses: 60 },
    ])
  })
})
