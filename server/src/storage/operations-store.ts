import fs from 'node:fs'
import { sql } from 'kysely'
import type { DB } from '../db/connection.ts'
import { operationsRepository } from '../db/operations.ts'
import { writeProbe, type NotReady } from '../db/write-probe.ts'
import type { Storage } from './open-storage.ts'

/** The size of the database on disk, in parts: SQLite's `main` file and `wal`, PostgreSQL's `database`. */
export type DatabaseBytes = { file: 'main' | 'wal' | 'database'; bytes: number }[]

/**
 * What an operator asks of the database (`/api/ready`, `/metrics`), on either engine: whether it
 * takes writes now, its size, when the newest backup was made and the responses not yet folded.
 */
export type OperationsPort = {
  /**
   * Throws when this process cannot serve (liveness, `/api/health`): SQLite's connection is this
   * process's own, so a closed one is; PostgreSQL's pool reconnects by itself, and a database that
   * is away is a readiness matter, not a reason to restart the process.
   */
  checkAlive(): Promise<void>
  writeProbe(): Promise<NotReady | null>
  databaseBytes(): Promise<DatabaseBytes>
  /** When the newest backup was made (null: none yet); absent where backups are not parsurvey's (PostgreSQL: pg_dump). */
  lastBackupAt?: () => Promise<Date | null>
  unfoldedResponses(): Promise<number>
}

/** SQLite: the write lock probe (db/write-probe.ts), the file sizes and the audit log's backups. */
export function sqliteOperations(db: DB): OperationsPort {
  const operations = operationsRepository(db)
  const file = db.name
  return {
    checkAlive: async () => void db.prepare('SELECT 1').get(),
    writeProbe: async () => writeProbe(db),
    databaseBytes: async () =>
      file === ':memory:'
        ? []
        : [
            { file: 'main', bytes: sizeOf(file) },
            { file: 'wal', bytes: sizeOf(`${file}-wal`) },
          ],
    lastBackupAt: async () => operations.lastBackupAt(),
    unfoldedResponses: async () => operations.unfoldedResponses(),
  }
}

/** How long the PostgreSQL probe may take, connection included, before the answer is "busy". */
export const PG_PROBE_TIMEOUT_MS = 2000

/**
 * PostgreSQL: the probe opens a transaction that must be able to write (not a standby, not set
 * read-only) and gets a transaction id, as every write does, within 250 ms per statement, then
 * rolls back. Backups are the database server's (pg_dump, docs/deploy.md), so there is no backup
 * age to tell.
 */
export function postgresOperations(storage: Storage): OperationsPort {
  const { db } = storage
  async function probe(): Promise<NotReady | null> {
    try {
      return await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL statement_timeout = 250`.execute(trx)
        const readOnly = await sql<{ transaction_read_only: string }>`SHOW transaction_read_only`.execute(trx)
        if (readOnly.rows[0]?.transaction_read_only === 'on') return 'not-ready-read-only'
        await sql`SELECT pg_current_xact_id()`.execute(trx)
        return null
      })
    } catch (error) {
      return postgresNotReady(error)
    }
  }
  return {
    checkAlive: async () => undefined,
    async writeProbe() {
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<NotReady>(
        (resolve) => (timer = setTimeout(() => resolve('not-ready-busy'), PG_PROBE_TIMEOUT_MS)),
      )
      try {
        return await Promise.race([probe(), late])
      } finally {
        clearTimeout(timer)
      }
    },
    async databaseBytes() {
      const { rows } = await sql<{ bytes: number }>`SELECT pg_database_size(current_database()) AS bytes`.execute(db)
      return [{ file: 'database', bytes: Number(rows[0]?.bytes ?? 0) }]
    },
    async unfoldedResponses() {
      const { rows } = await sql<{ waiting: number }>`
        SELECT count(*) AS waiting FROM responses
        WHERE seq > (SELECT folded_through FROM aggregate_watermark WHERE id = 1)`.execute(db)
      return Number(rows[0]?.waiting ?? 0)
    },
  }
}

/** A failed PostgreSQL probe as the reason the server is not ready (SQLSTATE classes). */
function postgresNotReady(error: unknown): NotReady {
  const code = String((error as { code?: unknown }).code ?? '')
  if (code === '57014' || code === '55P03' || code === '40P01') return 'not-ready-busy'
  if (code === '25006') return 'not-ready-read-only'
  if (code.startsWith('53') || code.startsWith('58')) return 'not-ready-storage'
  return 'not-ready-database'
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return 0
  }
}
