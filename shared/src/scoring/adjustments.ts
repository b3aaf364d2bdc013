/**
 * A bonus (điểm thưởng, points > 0) or penalty (điểm trừ, points < 0) a provincial decision adds
 * to one unit's total, with the decision's reason. A unit may have several.
 */
export type Adjustment = { unitId: string; points: number; reason: string }

/** Adjustments are published like every score: in hundredths of a point. */
const SCALE = 100

/**
 * Whole hundredths of `points`. Throws RangeError for a value with more than 2 decimals or
 * too large to add exactly: the import refuses such rows before they get here.
 */
export function toHundredths(points: number): number {
  const scaled = Math.round(points * SCALE)
  if (!Number.isSafeInteger(scaled) || Math.abs(scaled - points * SCALE) > 1e-6)
    throw new RangeError(`adjustment points must have at most 2 decimals: ${points}`)
  return scaled
}

/**
 * Σ points per unit, added as whole hundredths so the sum is exact and never depends on the order
 * of the rows: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
 */
export function adjustmentTotals(adjustments: Iterable<Pick<Adjustment, 'unitId' | 'points'>>): Map<string, number> {
  const hundredths = new Map<string, number>()
  for (const { unitId, points } of adjustments)
    hundredths.set(unitId, (hundredths.get(unitId) ?? 0) + toHundredths(points))
  return new Map([...hundredths].map(([unitId, sum]) => [unitId, sum / SCALE]))
}
