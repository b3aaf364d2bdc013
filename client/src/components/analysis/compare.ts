import type { UnitScore } from '../../api/endpoints.ts'

/* Which of last year's data to compare with is the server's choice (GET /api/scores/previous-year, shared pickBaseline). */

export type YearRow = {
  unitId: string
  now: UnitScore
  before: UnitScore | null
  /** Change of the rounded survey points; null when the unit was not assessed before. */
  change: number | null
}

/** This round's units matched with the earlier round's by unit id, in this round's order. */
export function yearOnYear(now: UnitScore[], before: UnitScore[]): YearRow[] {
  const earlier = new Map(before.map((u) => [u.unitId, u]))
  return now.map((unit) => {
    const then = earlier.get(unit.unitId) ?? null
    return {
      unitId: unit.unitId,
      now: unit,
      before: then,
      change: then ? unit.surveyPointsRounded - then.surveyPointsRounded : null,
    }
  })
}
