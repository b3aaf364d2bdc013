import type { AuditEntry } from '@parsurvey/shared'
import type { Kysely } from 'kysely'
import type { StorageSchema } from './schema.ts'

/** Most entries one page of the log returns. */
const MAX_PAGE = 1000

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text))

/**
 * The audit log on the async storage boundary (docs/storage.md), for SQLite and PostgreSQL
 * alike: the same entries as db/audit.ts. Append-only on both engines (triggers refuse updates
 * and deletes). `db` is a transaction of the action it records, so that the action and its entry
 * land together or not at all; entries from several servers get distinct `seq` numbers.
 */
export function auditStore(db: Kysely<StorageSchema>) {
  return {
    /** `action` is a kebab-case verb phrase (`user-create`), `target` what it acted on. */
    async record(
      entry: { userId: number | null; action: string; target?: string | null; before?: unknown; after?: unknown },
      now = new Date(),
    ): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          at: now.toISOString(),
          user_id: entry.userId,
          action: entry.action,
          target: entry.target ?? null,
          before: entry.before === undefined ? null : JSON.stringify(entry.before),
          after: entry.after === undefined ? null : JSON.stringify(entry.after),
        })
        .execute()
    },
    /** Newest first; pass the smallest `seq` seen as `before` for the next page. */
    async list(options: { before?: number; limit?: number } = {}): Promise<AuditEntry[]> {
      const rows = await db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.user_id')
        .select(['a.seq', 'a.at', 'a.user_id', 'u.username', 'a.action', 'a.target', 'a.before', 'a.after'])
        .where('a.seq', '<', options.before ?? Number.MAX_SAFE_INTEGER)
        .orderBy('a.seq', 'desc')
        .limit(Math.min(options.limit ?? 100, MAX_PAGE))
        .execute()
      return rows.map((r) => ({
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
export type AuditStore = ReturnType<typeof auditStore>
