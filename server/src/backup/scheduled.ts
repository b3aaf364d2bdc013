import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { DB } from '../db/connection.ts'
import { keyFileOf } from '../codes/code-cipher.ts'
import { archiveOf } from './archive.ts'
import { backupFileName, backupToTemp } from './backup.ts'
import { describeCopy, MANIFEST_FILE } from './manifest.ts'
import { backupsToDelete, type Retention } from './retention.ts'

export type ScheduledBackup = { file: string; bytes: number; files: string[]; deleted: string[] }

/** Writes `file` from `source` under a temporary name, flushes it to disk, then gives it its name. */
async function writeDurably(file: string, source: NodeJS.ReadableStream): Promise<void> {
  const partial = `${file}.partial`
  try {
    await pipeline(source, fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }))
    const fd = fs.openSync(partial, 'r')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    // link fails when `file` exists: a backup never replaces another, even one that appeared meanwhile.
    fs.linkSync(partial, file)
  } finally {
    fs.rmSync(partial, { force: true })
  }
  const dir = fs.openSync(path.dirname(file), 'r')
  try {
    fs.fsyncSync(dir)
  } finally {
    fs.closeSync(dir)
  }
}

/**
 * One scheduled backup into `dir` (created if missing): the admin page's archive (database and
 * access-code key, backup/archive.ts) plus a manifest of its row counts and score digests that the
 * restore drill checks (backup/manifest.ts), named after `now` in UTC, written whole or not at all; then
 * the retention rule removes the backups it lets go (backup/retention.ts). Only files named like
 * scheduled backups are ever deleted, and never the one just written.
 */
export async function scheduledBackup(
  db: DB,
  options: { dir: string; now: Date; retention: Retention },
): Promise<ScheduledBackup> {
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 })
  const name = backupFileName(options.now, 'zip')
  const file = path.join(options.dir, name)
  if (fs.existsSync(file)) throw Object.assign(new Error(`${file} exists`), { code: 'EEXIST' })
  const copy = await backupToTemp(db)
  let files: string[]
  try {
    const manifest = describeCopy(copy.file, options.now)
    const archive = archiveOf(
      copy.file,
      keyFileOf(db.name),
      { [MANIFEST_FILE]: JSON.stringify(manifest, null, 2) },
      copy.remove,
    )
    files = archive.files
    await writeDurably(file, archive.stream)
  } finally {
    copy.remove()
  }
  const bytes = fs.statSync(file).size
  const deleted = backupsToDelete(fs.readdirSync(options.dir), options.retention).filter((n) => n !== name)
  for (const old of deleted) fs.rmSync(path.join(options.dir, old), { force: true })
  return { file, bytes, files, deleted }
}
