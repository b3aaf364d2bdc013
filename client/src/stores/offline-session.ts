import { endOfDayInVietnam } from '@parsurvey/shared'

/** How long the server keeps a session (server/src/auth): the app never trusts its copy longer by default. */
export const SESSION_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Until when the cached user may open the app without reaching the server: the end of the latest
 * survey round on the device, and never less than the server's own session lifetime from the last
 * time the server confirmed the session. A surveyor a month in the field is not locked out; a lost
 * tablet does not open for ever. Null: no record of a confirmation (an older app): no limit.
 */
export function offlineSessionUntil(confirmedAt: string | undefined, roundCloses: readonly string[]): number | null {
  if (!confirmedAt) return null
  const bySession = Date.parse(confirmedAt) + SESSION_DAYS * DAY_MS
  return Math.max(bySession, ...roundCloses.map(endOfDayInVietnam).filter((t) => !Number.isNaN(t)))
}
