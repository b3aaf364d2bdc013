import Database from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { openDatabase } from '../db/connection.ts'
import { migratePostgres } from './migrate-postgres.ts'
import type { StorageSchema } from './schema.ts'

export type Engine = 'sqlite' | 'postgres'

/** One database behind the async storage boundary (docs/storage.md), either engine. */
export type Storage = {
  engine: Engine
  db: Kysely<StorageSchema>
  close(): Promise<void>
}

/** A `postgres://` (or `postgresql://`) URL names a PostgreSQL database; anything else is a SQLite file. */
export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//.test(target)

/**
 * PostgreSQL's BIGINT (identity columns, counts) reaches JavaScript as a string by default; every
 * value the server keeps in one is far below 2^53, so it is read as a number, as SQLite gives it.
 */
export const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/**
 * Opens the database named by `target` and brings its schema up to date with the same entry
 * point for both engines: SQLite through db/migrate.ts (`openDatabase`), PostgreSQL through
 * migrate-postgres.ts. The running server opens PostgreSQL with it (server-database.ts).
 */
export async function openStorage(
  target: string,
  options: { maxConnections?: number; onIdleError?: (error: Error) => void } = {},
): Promise<Storage> {
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({ connectionString: target, max: options.maxConnections ?? 10, types })
    // A connection the database ends while it waits in the pool (a restart, a failover, an
    // administrator) is dropped by the pool and replaced at the next query. Without a listener
    // its 'error' event would end the process; a query in flight fails through its own promise.
    pool.on('error', (error) => options.onIdleError?.(error))
    try {
      await migratePostgres(pool)
    } catch (error) {
      await pool.end()
      throw error
    }
    const db = new Kysely<StorageSchema>({ dialect: new PostgresDialect({ pool }) })
    return { engine: 'postgres', db, close: () => db.destroy() }
  }
  const sqlite: Database.Database = openDatabase(target)
  const db = new Kysely<StorageSchema>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { engine: 'sqlite', db, close: () => db.destroy() }
}
