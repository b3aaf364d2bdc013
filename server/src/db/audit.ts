import type { AuditAction, AuditEntry } from '@parsurvey/shared'
import type { DB } from './connection.ts'

/**
 * The audit log: every admin, analyst and supervisor action, with the state before and after.
 * Append-only (triggers refuse updates and deletes). Record inside the action's own transaction
 * so that an action and its audit entry land together or not at all.
 */
export function auditRepository(db: DB) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, user_id, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const page = db.prepare<
    [number, number],
    {
      seq: number
      at: string
      user_id: number | null
      username: string | null
      action: string
      target: string | null
      before: string | null
      after: string | null
    }
  >(
    `SELECT a.seq, a.at, a.user_id, u.username, a.action, a.target, a.before, a.after
     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
     WHERE a.seq < ? ORDER BY a.seq DESC LIMIT ?`,
  )
  const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text))

  return {
    /** `action` is one of shared's `AUDIT_ACTIONS` (`user-create`, `response-void`), `target` what it acted on. */
    record(
      entry: { userId: number | null; action: AuditAction; target?: string | null; before?: unknown; after?: unknown },
      now = new Date(),
    ): void {
      insert.run(
        now.toISOString(),
        entry.userId,
        entry.action,
        entry.target ?? null,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      )
    },
    /** Newest first; pass the smallest `seq` seen as `before` for the next page. */
    list(options: { before?: number; limit?: number } = {}): AuditEntry[] {
      return page.all(options.before ?? Number.MAX_SAFE_INTEGER, Math.min(options.limit ?? 100, 1000)).map((r) => ({
        seq: r.seq,
        at: r.at,
        userId: r.user_id,
        username: r.username,
        action: r.action,
        target: r.target,
        before: parse(r.before),
        after: parse(r.after),
      }))
    },
  }
}
export type AuditRepository = ReturnType<typeof auditRepository>
