import { describe, expect, it } from 'vitest'
import type { UnitScore } from '../../api/endpoints.ts'
import { insufficientLeaves, scoreValue } from './score-columns.ts'
import { sortRows } from './sort.ts'

const row = (
  unitId: string,
  rank: number | null,
  points: number,
  classification: string | null,
  flags: string[] = [],
): UnitScore => ({
  unitId,
  responses: 10,
  surveyPoints: points,
  surveyPointsRounded: points,
  selfAssessment: null,
  adjustments: 0,
  total: null,
  classification,
  rank,
  criteria: {},
  flags,
})
const names = {
  unit: (id: string) => id.toUpperCase(),
  bandMin: (id: string | null) => ({ tot: 80, kha: 70 })[id ?? ''] ?? null,
}

describe('score table columns', () => {
  it('reads the criteria a unit lacks data for from its flags', () => {
    expect(insufficientLeaves(row('a', 1, 0, null, ['insufficient-data:1.1', 'insufficient-data:3.2']))).toEqual([
      '1.1',
      '3.2',
    ])
  })

  it('sorts the classification column by band, not by name', () => {
    const rows = [row('a', 2, 18, 'kha'), row('b', 1, 20, 'tot'), row('c', null, 0, null)]
    const sorted = sortRows(rows, { key: 'classification', direction: 'desc' }, (r, k: 'classification') =>
      scoreValue(r, k, names),
    )
    expect(sorted.map((r) => r.unitId)).toEqual(['b', 'a', 'c'])
  })

  it('sorts unranked units last whichever way rank is sorted', () => {
    const rows = [row('c', null, 0, null), row('a', 2, 18, 'kha'), row('b', 1, 20, 'tot')]
    const by = (direction: 'asc' | 'desc') =>
      sortRows(rows, { key: 'rank', direction }, (r, k: 'rank') => scoreValue(r, k, names)).map((r) => r.unitId)
    expect(by('asc')).toEqual(['b', 'a', 'c'])
    expect(by('desc')).toEqual(['a', 'b', 'c'])
  })
})
