/**
 * A stand-in for the Vietnamese calendar day of a submission time, used only to merge progress
 * rows in memory before one upsert computes the stored day in SQL (db/progress-counts.ts). Two
 * times get the same key only when both are plain ISO times with an offset, which JavaScript and
 * SQLite read alike; anything else keys by itself, so a time the two might read differently is
 * never merged with another.
 */
const PLAIN_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/
const UTC_PLUS_7_MS = 7 * 3600 * 1000

export function progressDayKey(submittedAt: string): string {
  if (!PLAIN_ISO.test(submittedAt)) return submittedAt
  const ms = Date.parse(submittedAt)
  if (!Number.isFinite(ms)) return submittedAt
  return new Date(ms + UTC_PLUS_7_MS).toISOString().slice(0, 10)
}
