/** How many of the most recent days and ISO weeks keep their newest backup (`--keep-daily`, `--keep-weekly`). */
export type Retention = { keepDaily: number; keepWeekly: number }

/** What `pnpm parsurvey backup --dir` keeps when not told otherwise: two weeks of days, two months of weeks. */
export const DEFAULT_RETENTION: Retention = { keepDaily: 14, keepWeekly: 8 }

/** A scheduled backup's name: `parsurvey-2025-10-01T08-30-00Z.zip`, the time it was taken in UTC. */
const BACKUP_NAME = /^parsurvey-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.zip$/

/** When a backup file was taken, read from its name; null for any other file (never touched). */
export function backupTime(name: string): Date | null {
  const m = BACKUP_NAME.exec(name)
  if (!m) return null
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number]
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  // 2025-02-30 would roll over into March: such a name was not written by parsurvey.
  return at.getUTCDate() === d && at.getUTCMonth() === mo - 1 ? at : null
}

/** The UTC day of a time, e.g. `2025-10-01`. */
const dayOf = (at: Date) => at.toISOString().slice(0, 10)

/** The ISO week of a time (weeks start on Monday; week 1 holds the year's first Thursday), e.g. `2025-W40`. */
export function isoWeekOf(at: Date): string {
  const thursday = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7))
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1)
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

/**
 * The backups a retention rule lets go, among the file names of a backup folder. Kept: the newest
 * backup of each of the `keepDaily` most recent days that have one, the newest of each of the
 * `keepWeekly` most recent ISO weeks that have one, and always the newest backup of all. The rule
 * counts days and weeks that have backups, not calendar time: a server that was off for a month
 * does not lose its old backups to the first new one. Names that are not scheduled backups are
 * never listed.
 */
export function backupsToDelete(names: readonly string[], retention: Retention): string[] {
  const backups = names
    .map((name) => ({ name, at: backupTime(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.name < b.name ? 1 : -1))
  const keep = new Set<string>()
  const days = new Set<string>()
  const weeks = new Set<string>()
  for (const [index, { name, at }] of backups.entries()) {
    if (index === 0) keep.add(name)
    const day = dayOf(at)
    if (!days.has(day) && days.size < retention.keepDaily) {
      days.add(day)
      keep.add(name)
    }
    const week = isoWeekOf(at)
    if (!weeks.has(week) && weeks.size < retention.keepWeekly) {
      weeks.add(week)
      keep.add(name)
    }
  }
  return backups.filter((b) => !keep.has(b.name)).map((b) => b.name)
}
