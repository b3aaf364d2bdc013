import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DB } from './connection.ts'

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/**
 * Applies `migrations/NNN_name.sql` files in order, each in its own transaction, and records
 * them in `schema_migrations`. Landed migrations are never edited: add a new file instead.
 */
export function migrate(db: DB): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`)
  const done = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as string[])
  const files = fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
  const applied: string[] = []
  for (const file of files) {
    const version = file.replace(/\.sql$/, '')
    if (done.has(version)) continue
    const sql = fs.readFileSync(path.join(migrationsDir, file), 'utf8')
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
