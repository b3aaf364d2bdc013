import { VIETNAM_OFFSET_MS } from '../format/date-time.ts'

/**
 * Survey rounds (đợt khảo sát): calendar dates in Vietnam. Vietnam keeps UTC+7 all year (no
 * daylight saving), so a fixed offset is exact. One copy of these rules for server and client.
 */

/** A round as dates (YYYY-MM-DD, Vietnam): open from the start of `opens` to the end of `closes`. */
export type SurveyRound = { opens: string; closes: string }

const DAY_MS = 86_400_000

/**
 * The last instant of `date` (YYYY-MM-DD) in Asia/Ho_Chi_Minh, in ms since the epoch (NaN if not a date).
 * @example endOfDayInVietnam('2026-12-20') === Date.parse('2026-12-20T16:59:59.999Z')
 */
export function endOfDayInVietnam(date: string): number {
  return Date.parse(`${date}T23:59:59.999+07:00`)
}

/** Today's date in Vietnam at `now`, as YYYY-MM-DD. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10)
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whether the round is over at `now` (its closing day has ended in Vietnam). No round never closes. */
export function roundClosed(round: SurveyRound | null | undefined, now: Date): boolean {
  return round != null && endOfDayInVietnam(round.closes) < now.getTime()
}
