import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { migrate } from './migrate.ts'
import { copyBeforeUpgrade, type PreUpgradeCopy } from './pre-upgrade.ts'

export type DB = Database.Database

/**
 * Opens (creating if needed) the parsurvey database and brings its schema up to date.
 * WAL lets readers (dashboards, exports) run beside the writer; synchronous=FULL makes a
 * committed transaction survive power loss, so an acknowledged response is durable.
 * Before migrations change a database of an earlier release, a copy of it is written to
 * `$DATA_DIR/pre-upgrade/` (db/pre-upgrade.ts) and reported through `onUpgradeCopy`.
 */
export function openDatabase(file: string, options: { onUpgradeCopy?: (copy: PreUpgradeCopy) => void } = {}): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Checkpoint every ~40 MB of WAL instead of SQLite's ~4 MB: a checkpoint copies each changed
  // page once however often it changed, and ingest rewrites the same index pages batch after
  // batch (HTTP ingest +16%, tests/.prof driver, 3 runs each). The file is cut back to 64 MB
  // after a checkpoint, so one large transaction does not leave a huge WAL behind.
  db.pragma('wal_autocheckpoint = 10000')
  db.pragma('journal_size_limit = 67108864')
  if (file !== ':memory:') {
    const copy = copyBeforeUpgrade(db, file)
    if (copy) options.onUpgradeCopy?.(copy)
  }
  migrate(db)
  return db
}
