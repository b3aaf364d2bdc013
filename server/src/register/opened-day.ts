import { vietnamDate } from '@parsurvey/shared'

/**
 * The day a person first opened their link, as the register shows it. The server stores only that
 * day (YYYY-MM-DD, Vietnamese calendar); a database of an earlier release may hold the full time,
 * which is shown as its day too, so no reply ever carries the time of an opening.
 */
export function openedDay(stored: string | null): string | null {
  if (stored === null || /^\d{4}-\d{2}-\d{2}$/.test(stored)) return stored
  const ms = Date.parse(stored)
  return Number.isFinite(ms) ? vietnamDate(new Date(ms)) : null
}
