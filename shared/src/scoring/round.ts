/** Significant digits kept before rounding; the rest is binary representation noise. */
const SIGNIFICANT_DIGITS = 12

/**
 * Rounds half-up (halves away from zero) to `digits` decimals, for publication.
 * Example: roundHalfUp(1.005) === 1.01 and roundHalfUp(0.125) === 0.13, although the doubles
 * nearest to 1.005 and 0.125×100 make `Math.round(x * 100) / 100` give 1 for the first.
 *
 * Why a decimal string: a double such as 1.005 is really 1.00499999999999989…, and a score
 * computed through means and weights carries a few ulps of error. So x is first written with
 * 12 significant digits (toExponential), which is the decimal the computation meant: double
 * precision holds ~15.9 digits and the scoring pipeline loses at most a few ulps, so 12 digits
 * leave a wide margin while still separating any two values that differ by more than one part in
 * 10¹² (1e-10 points on a 100-point scale, far below what any survey can measure). Rounding is
 * then done on those decimal digits with integer arithmetic, and the result is the double nearest
 * to the rounded decimal.
 */
export function roundHalfUp(x: number, digits = 2): number {
  if (!Number.isFinite(x)) throw new RangeError(`cannot round ${x}`)
  if (!Number.isInteger(digits) || digits < 0 || digits > 15)
    throw new RangeError(`digits must be an integer in [0, 15]`)
  if (x < 0) return -roundHalfUp(-x, digits)
  if (x === 0) return 0
  const [mantissa = '0', exponent = '0'] = x.toExponential(SIGNIFICANT_DIGITS - 1).split('e')
  // x ≈ significand × 10^(exponent − 11); scaled to the kept decimals: × 10^digits.
  const significand = BigInt(mantissa.replace('.', ''))
  const shift = Number(exponent) - (SIGNIFICANT_DIGITS - 1) + digits
  let units: bigint
  if (shift >= 0) {
    units = significand * 10n ** BigInt(shift)
  } else {
    const divisor = 10n ** BigInt(-shift)
    units = significand / divisor
    if (2n * (significand % divisor) >= divisor) units += 1n
  }
  return Number(`${units}e-${digits}`)
}

/**
 * The mean of published figures (each with at most 2 decimals), rounded half-up to 2 decimals,
 * computed exactly: the figures are added as whole hundredths (integers, so the sum is exact and
 * does not depend on their order) and the one division is rounded on integers, e.g. the mean of
 * 1 and 1.01 is 1.005 → 1.01, where a floating-point mean gives 1.00499… Null for no figures.
 */
export function meanHalfUp(values: readonly number[]): number | null {
  if (values.length === 0) return null
  let sum = 0
  for (const value of values) {
    const hundredths = Math.round(value * 100)
    if (!Number.isSafeInteger(hundredths) || Math.abs(hundredths - value * 100) > 1e-6)
      throw new RangeError(`a published figure has at most 2 decimals: ${value}`)
    sum += hundredths
  }
  const n = values.length
  // Half-up (away from zero) on the exact quotient sum / n.
  const magnitude = Math.floor((2 * Math.abs(sum) + n) / (2 * n))
  return magnitude === 0 ? 0 : (sum < 0 ? -magnitude : magnitude) / 100
}
