import type { DB } from './connection.ts'

/** What an operator watches (http/metrics.ts): backups made and responses not yet in the aggregates. */
export function operationsRepository(db: DB) {
  // Backups by the CLI, the timer and the admin page all leave this audit entry.
  const lastBackup = db
    .prepare<[], string>("SELECT at FROM audit_log WHERE action = 'database-backup' ORDER BY seq DESC LIMIT 1")
    .pluck()
  const unfolded = db
    .prepare<[], number>(
      'SELECT COUNT(*) FROM responses WHERE rowid > (SELECT folded_through FROM aggregate_watermark WHERE id = 1)',
    )
    .pluck()
  return {
    /** When the newest backup was made, or null when there was none. */
    lastBackupAt(): Date | null {
      const at = lastBackup.get()
      return at === undefined ? null : new Date(at)
    },
    /** Stored responses that the aggregates do not count yet (the fold catches up within a second). */
    unfoldedResponses: (): number => unfolded.get() ?? 0,
  }
}
