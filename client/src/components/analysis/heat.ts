/**
 * The heat scale of the progress table: one hue (blue) from light to dark, so that the order of
 * the steps survives grey-scale printing and every kind of colour blindness; the cell also shows
 * its number and percentage, so colour is never the only carrier of the value.
 */
export const HEAT_STEPS = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#2171b5', '#084594'] as const

/** Below this share of its quota a unit is late (flagged and sorted first). */
export const LATE_SHARE = 0.5

export type Heat = { background: string; color: string; step: number }

/** Share of the quota reached, 0…1 (over-quota counts as full); null when there is no quota. */
export function quotaShare(responses: number, quota: number): number | null {
  if (!(quota > 0)) return null
  return Math.max(0, Math.min(1, responses / quota))
}

/** The colour step of a share: 0 only when nothing came in, the darkest only at a full quota. */
export function heatStep(share: number | null): number {
  if (share === null || share <= 0) return 0
  if (share >= 1) return HEAT_STEPS.length - 1
  return 1 + Math.min(HEAT_STEPS.length - 3, Math.floor(share * (HEAT_STEPS.length - 2)))
}

/** Background and a text colour that keeps contrast on it (white on the dark steps). */
export function heatOf(responses: number, quota: number): Heat {
  const step = heatStep(quotaShare(responses, quota))
  return { background: HEAT_STEPS[step]!, color: step >= 5 ? '#ffffff' : '#1c2320', step }
}
