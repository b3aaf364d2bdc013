/**
 * The one way the product writes a moment or a day for people: `04/12/2026 20:05`, day first, in
 * Vietnam time (UTC+7 all year, no daylight saving), whatever the UI language or the device's
 * zone. Screens, server messages, code CSVs and printed slips all use these; data files keep ISO.
 */

export const VIETNAM_OFFSET_MS = 7 * 3_600_000

const two = (n: number) => String(n).padStart(2, '0')

/** The Vietnam wall clock of a moment (its UTC fields), or null for what is not a time. */
function vietnamClock(value: string | number | Date): Date | null {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  return Number.isFinite(ms) ? new Date(ms + VIETNAM_OFFSET_MS) : null
}

/**
 * A moment as `dd/mm/yyyy HH:MM` in Vietnam time; what is not a time comes back as given.
 * @example formatDateTime('2026-12-04T13:05:00Z') === '04/12/2026 20:05'
 */
export function formatDateTime(value: string | number | Date): string {
  const clock = vietnamClock(value)
  return clock ? `${formatDate(clock.toISOString().slice(0, 10))} ${formatTime(value)}` : String(value)
}

/** A moment's time of day as `HH:MM` in Vietnam time. */
export function formatTime(value: string | number | Date): string {
  const clock = vietnamClock(value)
  return clock ? `${two(clock.getUTCHours())}:${two(clock.getUTCMinutes())}` : String(value)
}

/**
 * A calendar day (`YYYY-MM-DD`, as rounds and expiry dates are kept) or a moment's day in Vietnam,
 * as `dd/mm/yyyy`; what is neither comes back as given.
 * @example formatDate('2026-12-04') === '04/12/2026'
 */
export function formatDate(value: string | number | Date): string {
  if (typeof value === 'string') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
    if (day) return `${day[3]}/${day[2]}/${day[1]}`
  }
  const clock = vietnamClock(value)
  return clock ? formatDate(clock.toISOString().slice(0, 10)) : String(value)
}

/**
 * A day typed as `dd/mm/yyyy` (one-digit day or month, `.` or `-` between, spaces around are fine)
 * as `YYYY-MM-DD`; null when it is not a real calendar day.
 * @example parseDate('4/12/2026') === '2026-12-04'; parseDate('31/02/2026') === null
 */
export function parseDate(text: string): string | null {
  const parts = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text)
  if (!parts) return null
  const [day, month, year] = [Number(parts[1]), Number(parts[2]), Number(parts[3])]
  const iso = `${year}-${two(month)}-${two(day)}`
  const check = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(check.getTime()) && check.getUTCDate() === day && check.getUTCMonth() + 1 === month ? iso : null
}
