import fs from 'node:fs'
import path from 'node:path'
import type { DB } from './connection.ts'
import { appliedMigrations, migrationVersions } from './migrate.ts'

/** The copy written before an upgrade: where, and between which migration numbers. */
export type PreUpgradeCopy = { file: string; from: string; to: string }

/** Folder beside the database that holds the copies: `$DATA_DIR/pre-upgrade`. */
export const preUpgradeDir = (dbFile: string): string => path.join(path.dirname(dbFile), 'pre-upgrade')

/**
 * When the database already has migrations applied and this release brings new ones, writes a
 * consistent copy of it first (`VACUUM INTO`, safe beside readers) to
 * `$DATA_DIR/pre-upgrade/parsurvey-<from>-<to>-<time>.db`, so a failed or regretted upgrade is
 * undone by putting that file back and starting the previous release. A new database, or one
 * already up to date, gets no copy. The copy is written under a temporary name, flushed to disk
 * and then renamed, so a file with the final name is always whole.
 */
export function copyBeforeUpgrade(db: DB, dbFile: string, now: Date = new Date()): PreUpgradeCopy | undefined {
  const applied = appliedMigrations(db)
  if (applied.length === 0) return undefined
  const done = new Set(applied)
  const pending = migrationVersions().filter((version) => !done.has(version))
  if (pending.length === 0) return undefined
  const from = applied.at(-1)!.slice(0, 3)
  const to = pending.at(-1)!.slice(0, 3)
  const dir = preUpgradeDir(dbFile)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const file = path.join(dir, `parsurvey-${from}-${to}-${now.toISOString().replace(/[:.]/g, '-')}.db`)
  const partial = `${file}.${process.pid}.partial`
  fs.rmSync(partial, { force: true })
  db.prepare('VACUUM INTO ?').run(partial)
  const fd = fs.openSync(partial, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(partial, file)
  const dirFd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(dirFd)
  } finally {
    fs.closeSync(dirFd)
  }
  return { file, from, to }
}
