import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import yauzl from 'yauzl'
import { rebuildAllAggregates } from '../aggregates/rebuild.ts'
import { openDatabase } from '../db/connection.ts'
import { createServices } from '../services.ts'
import { ARCHIVE_DATABASE } from './archive.ts'
import { describeCopy, MANIFEST_FILE, scoreDigests, type Manifest } from './manifest.ts'
import { backupTime } from './retention.ts'

/** A finding of the restore drill: a message code of the catalogue and its parameters. */
export type Problem = { code: string; params: Record<string, string | number> }
export type DrillResult = { file: string; tables: number; responses: number; surveys: number; problems: Problem[] }

/** The newest scheduled backup of a folder (by the time in its name), or null when there is none. */
export function latestBackup(dir: string): string | null {
  const names = fs.readdirSync(dir).filter((name) => backupTime(name) !== null)
  names.sort((a, b) => backupTime(b)!.getTime() - backupTime(a)!.getTime())
  return names[0] === undefined ? null : path.join(dir, names[0])
}

/** Unpacks the archive's files into `dir`, as an operator restoring it would. */
async function unpack(archive: string, dir: string): Promise<string[]> {
  const zip = await yauzl.openPromise(archive, { lazyEntries: true, autoClose: false })
  const names: string[] = []
  try {
    for await (const entry of zip.eachEntry()) {
      const name = path.basename(entry.fileName)
      const chunks: Buffer[] = []
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
      fs.writeFileSync(path.join(dir, name), Buffer.concat(chunks), { mode: 0o600 })
      names.push(name)
    }
  } finally {
    zip.close()
  }
  return names
}

/**
 * The restore drill: restores `archive` into a fresh scratch folder and checks the result as a
 * server about to start on it would need it: SQLite's integrity and foreign-key checks pass; the
 * row counts of every table and the scores of every survey version equal those recorded when the
 * backup was taken (its manifest); and the scores are the same again after the aggregates are
 * rebuilt from the restored raw responses. The scratch folder is removed afterwards.
 */
export async function restoreDrill(archive: string): Promise<DrillResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-restore-drill-'))
  const problems: Problem[] = []
  const file = path.basename(archive)
  try {
    const names = await unpack(archive, scratch)
    if (!names.includes(ARCHIVE_DATABASE)) {
      problems.push({ code: 'drill-no-database', params: { file } })
      return { file, tables: 0, responses: 0, surveys: 0, problems }
    }
    const dbFile = path.join(scratch, ARCHIVE_DATABASE)
    let raw: Database.Database | undefined
    try {
      raw = new Database(dbFile, { readonly: true, fileMustExist: true })
      const integrity = raw.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]
      const bad = integrity.map((row) => row.integrity_check).filter((text) => text !== 'ok')
      if (bad.length > 0) problems.push({ code: 'drill-integrity', params: { details: bad.slice(0, 5).join('; ') } })
      const orphans = (raw.pragma('foreign_key_check') as unknown[]).length
      if (orphans > 0) problems.push({ code: 'drill-foreign-keys', params: { count: orphans } })
    } catch (error) {
      problems.push({ code: 'drill-integrity', params: { details: (error as Error).message } })
    } finally {
      raw?.close()
    }
    if (problems.length > 0) return { file, tables: 0, responses: 0, surveys: 0, problems }

    const manifest: Manifest | null = names.includes(MANIFEST_FILE)
      ? (JSON.parse(fs.readFileSync(path.join(scratch, MANIFEST_FILE), 'utf8')) as Manifest)
      : null
    if (manifest === null) problems.push({ code: 'drill-no-manifest', params: { file } })
    const restored = describeCopy(dbFile, new Date())
    const expected = manifest ?? restored
    for (const table of new Set([...Object.keys(expected.tables), ...Object.keys(restored.tables)])) {
      const was = expected.tables[table] ?? 0
      const now = restored.tables[table] ?? 0
      if (was !== now) problems.push({ code: 'drill-count', params: { table, was, now } })
    }
    compareScores(expected.scores, restored.scores, 'drill-scores', problems)

    // The aggregates rebuilt from the restored raw responses score the same.
    const services = createServices(openDatabase(dbFile))
    try {
      rebuildAllAggregates(services)
      compareScores(expected.scores, scoreDigests(services), 'drill-scores-rebuilt', problems)
    } finally {
      services.folding.close()
      services.db.close()
    }
    return {
      file,
      tables: Object.keys(restored.tables).length,
      responses: restored.tables.responses ?? 0,
      surveys: Object.keys(restored.scores).length,
      problems,
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

function compareScores(
  expected: Record<string, string>,
  actual: Record<string, string>,
  code: string,
  problems: Problem[],
): void {
  for (const survey of new Set([...Object.keys(expected), ...Object.keys(actual)]))
    if (expected[survey] !== actual[survey]) problems.push({ code, params: { survey } })
}
