import { numberFormat as decimals } from '../../number-format.ts'

/**
 * Figures of the analyst views in the UI language's way (82,74 in Vietnamese, 82.74 in English).
 * Published points keep two decimals.
 */

export const DASH = '—'

/** A number with a fixed count of decimals, or a dash for a missing value. */
export function formatDecimal(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : decimals(digits).format(value)
}

/** A share 0…1 as a percentage (0,4274 → "42,7 %" in Vietnamese, "42.7 %" in English). */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || !Number.isFinite(share)
    ? DASH
    : `${decimals(digits).format(share * 100)} %`
}

/** A change with its sign (+1,25 / −0,50 / 0,00), for comparisons. */
export function formatChange(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH
  const rounded = Number(value.toFixed(digits))
  const text = decimals(digits).format(Math.abs(rounded))
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text
}

/** A 95% interval as "[low; high]" (semicolon: the comma is the Vietnamese decimal mark). */
export function formatInterval(interval: { low: number; high: number } | null, digits = 2): string {
  return interval ? `[${formatDecimal(interval.low, digits)}; ${formatDecimal(interval.high, digits)}]` : DASH
}
