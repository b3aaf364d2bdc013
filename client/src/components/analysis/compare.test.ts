import { describe, expect, it } from 'vitest'
import type { SurveySummary, UnitScore } from '../../api/endpoints.ts'
import { averageOf, previousRound, yearOnYear } from './compare.ts'

const summary = (id: string, year: number, version = 1, unitKind = 'department'): SurveySummary => ({
  id,
  version,
  year,
  unitKind,
  title: { vi: id, en: id },
})
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
  it('compares with the latest earlier round of the same unit kind', () => {
    const now = summary('dept-2025', 2025)
    const list = [
      now,
      summary('dept-2023', 2023),
      summary('dept-2024', 2024, 1),
      summary('dept-2024', 2024, 2),
      summary('dist-2024', 2024, 1, 'district'),
    ]
    expect(previousRound(list, now)).toMatchObject({ id: 'dept-2024', version: 2 })
    expect(previousRound([now], now)).toBeUndefined()
  })

  it('matches units by id and leaves a new unit without a change', () => {
    const rows = yearOnYear([score('a', 20.5), score('b', 18)], [score('a', 19.25)])
    expect(rows.map((r) => [r.unitId, r.change])).toEqual([
      ['a', 1.25],
      ['b', null],
    ])
  })

  it('averages over units that have responses only', () => {
    expect(
      averageOf([score('a', 0, 10, { '1.1': 2 }), score('b', 0, 10, { '1.1': 1 }), score('c', 0, 0, { '1.1': 0 })]),
    ).toEqual({ '1.1': 1.5 })
  })
})
