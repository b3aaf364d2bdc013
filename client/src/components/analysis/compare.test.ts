import { describe, expect, it } from 'vitest'
import type { UnitScore } from '../../api/endpoints.ts'
import { yearOnYear } from './compare.ts'

const score = (unitId: string, points: number, responses = 10, criteria: Record<string, number> = {}): UnitScore => ({
  unitId,
  responses,
  surveyPoints: points,
  surveyPointsRounded: points,
  selfAssessment: null,
  adjustments: 0,
  total: null,
  classification: null,
  rank: 1,
  criteria,
  flags: [],
})

describe('comparing rounds and units', () => {
  it('matches units by id and leaves a new unit without a change', () => {
    const rows = yearOnYear([score('a', 20.5), score('b', 18)], [score('a', 19.25)])
    expect(rows.map((r) => [r.unitId, r.change])).toEqual([
      ['a', 1.25],
      ['b', null],
    ])
  })
})
