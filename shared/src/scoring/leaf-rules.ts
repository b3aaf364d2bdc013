import type { Survey, Unit } from '../survey/schema.ts'
import type { LeafMeasure } from './leaf-score.ts'

/**
 * How a leaf counts in a unit's survey points (docs/scoring.md, step 3):
 * - `scored`: its answers give f;
 * - `zero`: no answers, f = 0 (`missing: zero`);
 * - `province-mean`: no answers, f = the province mean of the leaf (`missing: province-mean`);
 * - `left-out`: no answers, not counted, the points are rescaled (`missing: rescale`);
 * - `not-applicable`: listed in the unit's `notApplicable`, not counted, the points are rescaled.
 */
export type LeafStatus = 'scored' | 'zero' | 'province-mean' | 'left-out' | 'not-applicable'

export type LeafScore = LeafMeasure & {
  status: LeafStatus
  /** The leaf counts in the survey points: every status but `left-out` and `not-applicable`. */
  counted: boolean
  /** f as counted (measured, 0, or the province mean); 0 when the leaf does not count. */
  fraction: number
  /** f × maxPoints when counted, 0 otherwise. */
  points: number
  /** No scored question of an applicable leaf has a score, whatever the rule does about it. */
  insufficientData: boolean
}

/** One unit's leaves under the survey's rules and its survey points. */
export type UnitLeaves = { leaves: LeafScore[]; surveyPoints: number }

/** The leaves a unit is exempted from (its `notApplicable`). */
export function notApplicableOf(unit: Pick<Unit, 'notApplicable'> | undefined): ReadonlySet<string> {
  return new Set(unit?.notApplicable ?? [])
}

/**
 * The province mean fraction of each leaf: the mean of f(v,c) over the survey's units v where c
 * applies and has answers, in survey order (so the result never depends on input order); 0 where
 * no unit has any. Example: f 0.8 and 0.5 in two units, none in a third → 0.65.
 */
export function provinceMeans(survey: Survey, measures: ReadonlyMap<string, LeafMeasure[]>): Map<string, number> {
  const sums = new Map<string, { total: number; units: number }>()
  for (const unit of survey.units) {
    const exempt = notApplicableOf(unit)
    for (const leaf of measures.get(unit.id) ?? []) {
      if (leaf.fraction === null || exempt.has(leaf.criterionId)) continue
      const sum = sums.get(leaf.criterionId) ?? { total: 0, units: 0 }
      sum.total += leaf.fraction
      sum.units += 1
      sums.set(leaf.criterionId, sum)
    }
  }
  return new Map([...sums].map(([id, { total, units }]) => [id, total / units]))
}

/**
 * Applies `missing` and the unit's `notApplicable` to its measured leaves (steps 3, 3a, 4).
 * When every applicable leaf counts, survey points are Σ f × maxPoints, exactly as before the
 * rules existed; when some leaf does not count, Σ points of the counted leaves × surveyPoints /
 * Σ maxPoints of the counted leaves (0 when none counts). Example: leaves of 10, 6 and 16
 * points, the 6 left out, the others at 7.5 and 12 → (7.5 + 12) × 32 / 26 = 24.
 */
export function applyLeafRules(
  survey: Survey,
  unit: Pick<Unit, 'notApplicable'> | undefined,
  measures: LeafMeasure[],
  means: ReadonlyMap<string, number>,
): UnitLeaves {
  const exempt = notApplicableOf(unit)
  const leaves = measures.map((measure): LeafScore => {
    const status = leafStatus(survey, measure, exempt)
    const fraction = countedFraction(status, measure, means)
    const counted = status !== 'left-out' && status !== 'not-applicable'
    return {
      ...measure,
      status,
      counted,
      fraction,
      points: counted ? fraction * measure.maxPoints : 0,
      insufficientData: status !== 'not-applicable' && measure.fraction === null,
    }
  })
  let points = 0
  let countedMax = 0
  let allCounted = true
  for (const leaf of leaves) {
    if (!leaf.counted) {
      allCounted = false
      continue
    }
    points += leaf.points
    countedMax += leaf.maxPoints
  }
  if (allCounted) return { leaves, surveyPoints: points }
  return { leaves, surveyPoints: countedMax > 0 ? (points * survey.surveyPoints) / countedMax : 0 }
}

function leafStatus(survey: Survey, measure: LeafMeasure, exempt: ReadonlySet<string>): LeafStatus {
  if (exempt.has(measure.criterionId)) return 'not-applicable'
  if (measure.fraction !== null) return 'scored'
  switch (survey.missing) {
    case 'zero':
      return 'zero'
    case 'province-mean':
      return 'province-mean'
    case 'rescale':
      return 'left-out'
    default: {
      const never: never = survey.missing
      return never
    }
  }
}

function countedFraction(status: LeafStatus, measure: LeafMeasure, means: ReadonlyMap<string, number>): number {
  if (status === 'scored') return measure.fraction ?? 0
  if (status === 'province-mean') return means.get(measure.criterionId) ?? 0
  return 0
}
