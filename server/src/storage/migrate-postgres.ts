import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'

/** Beside this module in the sources; beside the bundle (dist/migrations-pg) in the built server. */
const migrationsDir = ['../db/migrations-pg', 'migrations-pg']
  .map((dir) => path.join(path.dirname(fileURLToPath(import.meta.url)), dir))
  .find((dir) => fs.existsSync(dir))

/** Any fixed number: the advisory lock that lets one server at a time migrate a shared database. */
const MIGRATE_LOCK = 0x70617273

/**
 * The PostgreSQL twin of db/migrate.ts: applies `db/migrations-pg/NNN_name.sql` in order, in one
 * transaction, recorded in `schema_migrations` under the same versions as SQLite's files.
 * Several app servers may start at once against one database: a transaction-level advisory lock
 * makes the second wait and then find the work done.
 *
 * A database that already has every migration is only read: no lock, no `CREATE TABLE IF NOT
 * EXISTS` (which PostgreSQL refuses to a role without CREATE on the schema even when the table
 * exists), so a server or a tool may open it with a role that can only read and write rows.
 */
export async function migratePostgres(pool: pg.Pool): Promise<string[]> {
  if (!migrationsDir) throw new Error('db/migrations-pg is missing')
  const files = fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
  // Read without the lock: a migration in flight elsewhere is not seen yet, so the lock below
  // is taken and waits for it.
  const recorded = await appliedVersions(pool)
  if (recorded && files.every((file) => recorded.has(file.replace(/\.sql$/, '')))) return []
  const client = await pool.connect()
  const applied: string[] = []
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK])
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version TEXT PRIMARY KEY,
      applied_at TEXT NOT NULL
    )`)
    const done = new Set(
      (await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    )
    for (const file of files) {
      const version = file.replace(/\.sql$/, '')
      if (done.has(version)) continue
      // One transaction for the lot: PostgreSQL's DDL is transactional, and the lock is held
      // until the last file is in; a failing file leaves the database as it was.
      await client.query(fs.readFileSync(path.join(migrationsDir, file), 'utf8'))
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        version,
        new Date().toISOString(),
      ])
      applied.push(version)
    }
    await client.query('COMMIT')
    return applied
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** The versions recorded in `schema_migrations`, or undefined when the table does not exist yet. */
async function appliedVersions(pool: pg.Pool): Promise<Set<string> | undefined> {
  const { rows } = await pool.query<{ exists: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists",
  )
  if (!rows[0]?.exists) return undefined
  const versions = await pool.query<{ version: string }>('SELECT version FROM schema_migrations')
  return new Set(versions.rows.map((r) => r.version))
}
