import { mean, standardErrorOfDifference } from './stats.ts'

/**
 * A surveyor far from the others: in one unit, the mean response score of one surveyor's
 * responses differs from the mean of the other surveyors' responses by more than
 * `standardErrors` standard errors of the difference, with at least `minResponses` on each side.
 */
export const SURVEYOR_OUTLIER = { minResponses: 5, standardErrors: 2 } as const

export type ScoredResponse = { id: string; unitId: string; surveyor: string; score: number }
export type SurveyorOutlier = {
  unitId: string
  surveyor: string
  n: number
  mean: number
  othersN: number
  othersMean: number
  difference: number
  /** |difference| / standard error; Infinity when neither side varies. */
  z: number
  ids: string[]
}

export function surveyorOutliers(items: readonly ScoredResponse[]): SurveyorOutlier[] {
  const byUnit = new Map<string, ScoredResponse[]>()
  for (const item of items) {
    const list = byUnit.get(item.unitId)
    if (list) list.push(item)
    else byUnit.set(item.unitId, [item])
  }
  const out: SurveyorOutlier[] = []
  for (const [unitId, list] of byUnit) {
    const surveyors = [...new Set(list.map((i) => i.surveyor))].sort()
    for (const surveyor of surveyors) {
      const own = list.filter((i) => i.surveyor === surveyor)
      const others = list.filter((i) => i.surveyor !== surveyor)
      if (own.length < SURVEYOR_OUTLIER.minResponses || others.length < SURVEYOR_OUTLIER.minResponses) continue
      const a = own.map((i) => i.score)
      const b = others.map((i) => i.score)
      const difference = mean(a) - mean(b)
      const se = standardErrorOfDifference(a, b)
      const z = se === 0 ? (difference === 0 ? 0 : Infinity) : Math.abs(difference) / se
      if (z > SURVEYOR_OUTLIER.standardErrors) {
        out.push({
          unitId,
          surveyor,
          n: a.length,
          mean: mean(a),
          othersN: b.length,
          othersMean: mean(b),
          difference,
          z,
          ids: own.map((i) => i.id),
        })
      }
    }
  }
  return out
}
