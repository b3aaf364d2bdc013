import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { migrate } from './migrate.ts'

export type DB = Database.Database

/**
 * Opens (creating if needed) the parsurvey database and brings its schema up to date.
 * WAL lets readers (dashboards, exports) run beside the writer; synchronous=FULL makes a
 * committed transaction survive power loss, so an acknowledged response is durable.
 */
export function openDatabase(file: string): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}
