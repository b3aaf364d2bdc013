import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DB } from './connection.ts'

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** The migration files this release carries (`NNN_name`), in order. */
export function migrationVersions(): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => f.replace(/\.sql$/, ''))
}

/** Versions recorded in `schema_migrations`, creating the table on a new database. */
export function appliedMigrations(db: DB): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`)
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as string[]).sort()
}

/**
 * Applies `migrations/NNN_name.sql` files in order, each in its own transaction, and records
 * them in `schema_migrations`. Landed migrations are never edited: add a new file instead.
 * `through` stops after that version (the upgrade test builds a previous release's database).
 */
export function migrate(db: DB, options: { through?: string } = {}): string[] {
  const done = new Set(appliedMigrations(db))
  const applied: string[] = []
  for (const version of migrationVersions()) {
    if (options.through !== undefined && version > options.through) break
    if (done.has(version)) continue
    const sql = fs.readFileSync(path.join(migrationsDir, `${version}.sql`), 'utf8')
    db.transaction(() => {
      db.exec(sql)
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        version,
        new Date().toISOString(),
      )
    })()
    applied.push(version)
  }
  return applied
}
