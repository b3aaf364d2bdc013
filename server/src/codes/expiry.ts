import type { Survey } from '@parsurvey/shared'

/** Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const VIETNAM_OFFSET = '+07:00'

/** The last instant of `date` (YYYY-MM-DD) in Asia/Ho_Chi_Minh, as an ISO instant. */
export function endOfDayInVietnam(date: string): string {
  return new Date(`${date}T23:59:59.999${VIETNAM_OFFSET}`).toISOString()
}

/**
 * When a batch's codes stop working: the end of the survey round's closing day, or the batch's
 * own limit, whichever is earlier; null when neither is set.
 */
export function batchExpiry(survey: Survey, explicit: string | null): string | null {
  const round = survey.round ? endOfDayInVietnam(survey.round.closes) : null
  if (round === null) return explicit
  if (explicit === null) return round
  return Date.parse(explicit) < Date.parse(round) ? explicit : round
}

/** Whether a code of a batch expiring at `expiresAt` no longer works at `now`. */
export function isExpired(expiresAt: string | null, now: Date): boolean {
  return expiresAt !== null && now.getTime() > Date.parse(expiresAt)
}

/** `2025-11-30 23:59` in Vietnam time, for printed slips and spreadsheets. */
export function vietnamDateTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3600_000).toISOString()
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`
}
