import { endOfDayInVietnam, type SurveyRound } from '@parsurvey/shared'

/**
 * When a batch's codes stop working: the end of the survey round's closing day, or the batch's
 * own limit, whichever is earlier; null when neither is set.
 */
export function batchExpiry(round: SurveyRound | null, explicit: string | null): string | null {
  const closes = round ? new Date(endOfDayInVietnam(round.closes)).toISOString() : null
  if (closes === null) return explicit
  if (explicit === null) return closes
  return Date.parse(explicit) < Date.parse(closes) ? explicit : closes
}

/** Whether a code of a batch expiring at `expiresAt` no longer works at `now`. */
export function isExpired(expiresAt: string | null, now: Date): boolean {
  return expiresAt !== null && now.getTime() > Date.parse(expiresAt)
}
