import { createHash, randomBytes } from 'node:crypto'
import type { DB } from './connection.ts'

/** A survey round lasts weeks and surveyors work offline: sessions last 30 days. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000

/** What the database keeps of a session token: its sha-256 (hex). */
export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** A new session token: 256 random bits, base64url. */
export const newSessionToken = () => randomBytes(32).toString('base64url')

/** Log-in sessions; the token only ever lives in the cookie, the database keeps its hash. */
export function sessionsRepository(db: DB) {
  const insert = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
  const find = db.prepare<[string, string], { user_id: number }>(
    'SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?',
  )
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?')
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?')
  const removeAllOf = db.prepare('DELETE FROM sessions WHERE user_id = ?')

  return {
    /** Creates a session and returns its token (256 random bits, base64url). */
    create(userId: number, now = new Date()): { token: string; expiresAt: Date } {
      const token = newSessionToken()
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
      purge.run(now.toISOString())
      insert.run(hashSessionToken(token), userId, now.toISOString(), expiresAt.toISOString())
      return { token, expiresAt }
    },
    userIdFor(token: string, now = new Date()): number | undefined {
      return find.get(hashSessionToken(token), now.toISOString())?.user_id
    },
    destroy(token: string): void {
      remove.run(hashSessionToken(token))
    },
    /** Logs the user out everywhere (account disabled or password reset); returns how many ended. */
    destroyAllOf: (userId: number): number => removeAllOf.run(userId).changes,
  }
}
export type SessionsRepository = ReturnType<typeof sessionsRepository>
