import type { DB } from './connection.ts'

/** How long the readiness probe waits for the write lock before saying the database is busy. */
export const READY_BUSY_TIMEOUT_MS = 250

/** Why the database cannot take writes now, as an error code (shared/src/errors/messages/api.ts). */
export type NotReady = 'not-ready-busy' | 'not-ready-read-only' | 'not-ready-storage' | 'not-ready-database'

/**
 * Asks SQLite for the write lock, as every stored response must: `BEGIN IMMEDIATE`, waiting at
 * most READY_BUSY_TIMEOUT_MS, then `ROLLBACK` (nothing is written). better-sqlite3 is synchronous,
 * so no request of this process can be inside a transaction meanwhile; another process (a CLI
 * rebuild, a stuck writer) can, and then the answer is "busy".
 */
export function writeProbe(db: DB): NotReady | null {
  if (!db.open) return 'not-ready-database'
  try {
    db.prepare('SELECT 1').get()
  } catch {
    return 'not-ready-database'
  }
  // The connection's usual wait (db/connection.ts) comes back after the probe.
  const serving = Number(db.pragma('busy_timeout', { simple: true }))
  db.pragma(`busy_timeout = ${READY_BUSY_TIMEOUT_MS}`)
  try {
    db.prepare('BEGIN IMMEDIATE').run()
    db.prepare('ROLLBACK').run()
    return null
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '')
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'not-ready-busy'
    if (code.startsWith('SQLITE_READONLY')) return 'not-ready-read-only'
    if (/^SQLITE_(FULL|IOERR|CANTOPEN)/.test(code)) return 'not-ready-storage'
    return 'not-ready-database'
  } finally {
    if (db.inTransaction) db.prepare('ROLLBACK').run()
    db.pragma(`busy_timeout = ${serving}`)
  }
}
