/**
 * Figures of the analyst views, always written the Vietnamese way (82,74; 1.234) whatever the UI
 * language: they are the figures of Vietnamese reports. Published points keep two decimals.
 */
const cache = new Map<number, Intl.NumberFormat>()
function decimals(digits: number): Intl.NumberFormat {
  let format = cache.get(digits)
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    cache.set(digits, format)
  }
  return format
}

export const DASH = '—'

/** A number with a fixed count of decimals, or a dash for a missing value. */
export function formatDecimal(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : decimals(digits).format(value)
}

/** A share 0…1 as a percentage (0,4274 → "42,7 %"). */
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

/** A 95% interval as "[low; high]" (semicolon: the comma is the decimal mark). */
export function formatInterval(interval: { low: number; high: number } | null, digits = 2): string {
  return interval ? `[${formatDecimal(interval.low, digits)}; ${formatDecimal(interval.high, digits)}]` : DASH
}
