/** Small descriptive statistics for the quality flags (full precision; rounding is for display). */

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length
}

/** Sample variance (n − 1); 0 for fewer than two values. */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return 0
  const m = mean(values)
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1)
}

/** The middle value (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Standard error of the difference of two means (Welch: √(s²a/na + s²b/nb)). Two groups whose
 * answers never vary have an error of 0: any gap between them is then "infinitely" many errors.
 */
export function standardErrorOfDifference(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(variance(a) / a.length + variance(b) / b.length)
}
