import type { Kysely } from 'kysely'
import { hashSessionToken, newSessionToken, SESSION_TTL_MS } from '../db/sessions.ts'
import type { StorageSchema } from './schema.ts'

/**
 * Log-in sessions on the async storage boundary (docs/storage.md), for SQLite and PostgreSQL
 * alike: db/sessions.ts's rules (30-day sessions, only the token's hash stored, expired sessions
 * purged when a new one is made). Nothing is cached, so a session made through one app server is
 * valid on every other, and one ended on one is gone on all of them at once.
 * `db` is the storage's Kysely or a transaction of it.
 */
export function sessionStore(db: Kysely<StorageSchema>) {
  return {
    /** Creates a session and returns its token (only ever given to the cookie). */
    async create(userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
      const token = newSessionToken()
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
      await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute()
      await db
        .insertInto('sessions')
        .values({
          token_hash: hashSessionToken(token),
          user_id: userId,
          created_at: now.toISOString(),
          expires_at: expiresAt.toISOString(),
        })
        .execute()
      return { token, expiresAt }
    },
    /** The user of a session that exists and has not expired at `now`. */
    async userIdFor(token: string, now = new Date()): Promise<number | undefined> {
      const row = await db
        .selectFrom('sessions')
        .select('user_id')
        .where('token_hash', '=', hashSessionToken(token))
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirst()
      return row?.user_id
    },
    /** Ends one session (log-out). */
    async destroy(token: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', hashSessionToken(token)).execute()
    },
    /** Logs the user out everywhere (account disabled or password reset); returns how many ended. */
    async destroyAllOf(userId: number): Promise<number> {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}
export type SessionStore = ReturnType<typeof sessionStore>
