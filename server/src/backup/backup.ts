import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DB } from '../db/connection.ts'

/**
 * Copies the live database to `file` with SQLite's online backup API: the copy is consistent
 * (one snapshot, WAL content included) even while the server keeps writing, and it is a plain
 * database file that opens on its own.
 */
export async function backupDatabase(db: DB, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  await db.backup(file)
}

/** A dated file name for a backup, e.g. `parsurvey-2025-10-01T08-30-00Z.db` (or `.zip` for an archive). */
export function backupFileName(now = new Date(), extension: 'db' | 'zip' = 'db'): string {
  return `parsurvey-${now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')}.${extension}`
}

/** A backup in a fresh temporary folder; `remove()` deletes the folder and the file. */
export async function backupToTemp(db: DB): Promise<{ file: string; remove: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-backup-'))
  const file = path.join(dir, 'parsurvey.db')
  const remove = () => fs.rmSync(dir, { recursive: true, force: true })
  try {
    await backupDatabase(db, file)
  } catch (error) {
    remove()
    throw error
  }
  return { file, remove }
}
