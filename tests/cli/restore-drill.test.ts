import { generateResponses, parseSurveyText } from '@parsurvey/shared'
import { createServices, ingestBatch, openDatabase } from '@parsurvey/server'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { archiveOf } from '../../server/src/backup/archive.ts'
import { scoreDigests, tableCounts } from '../../server/src/backup/manifest.ts'
import { unzipEntries } from '../../server/src/testing/unzip.ts'
import { fixture, repoRoot, runCli } from './run-cli.ts'

let dataDir: string
let backups: string
const dbFile = () => path.join(dataDir, 'parsurvey.db')
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-drill-'))
  backups = path.join(dataDir, 'backups')
  const parsed = parseSurveyText(
    fs.readFileSync(path.join(repoRoot, fixture('valid-district.yaml')), 'utf8'),
    'valid-district.yaml',
  )
  if (!parsed.ok) throw new Error('fixture survey is invalid')
  const services = createServices(openDatabase(dbFile()))
  services.sqlite.surveys.publish(parsed.survey, null)
  const user = services.sqlite.users.create({ username: 'admin', role: 'admin', units: 'all', passwordHash: 'x' })
  ingestBatch(services, user, [...generateResponses(parsed.survey, 200, 11)], 'en')
  // Left unfolded on purpose, as a crash would: the backup and the drill fold them as a start does.
  services.db.close()
})
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

const cli = (args: string[]) => runCli(['backup', ...args], { DATA_DIR: dataDir })

/** The live database's row counts and score digests, read the way the manifest is written. */
function live() {
  const services = createServices(openDatabase(dbFile()))
  try {
    return { scores: scoreDigests(services), tables: tableCounts(services) }
  } finally {
    services.folding.close()
    services.db.close()
  }
}

/** Rewrites a backup archive with `change` applied to its entries. */
async function tamper(file: string, change: (entries: Map<string, Buffer>) => void): Promise<string> {
  const entries = new Map([...(await unzipEntries(fs.readFileSync(file)))].map(([name, e]) => [name, e.data]))
  change(entries)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-tamper-'))
  fs.writeFileSync(path.join(scratch, 'parsurvey.db'), entries.get('parsurvey.db')!)
  const extra = { 'parsurvey-backup.json': entries.get('parsurvey-backup.json')!.toString() }
  const target = path.join(backups, 'parsurvey-2025-10-02T02-30-00Z.zip')
  await pipeline(
    archiveOf(path.join(scratch, 'parsurvey.db'), null, extra, () => {}).stream,
    fs.createWriteStream(target),
  )
  fs.rmSync(scratch, { recursive: true, force: true })
  return target
}

describe('restore drill (pnpm parsurvey backup verify)', () => {
  it('restores the newest backup and finds the counts and scores of the live database', async () => {
    expect((await cli(['--dir', backups, '--now', '2025-09-30T02:30:00Z'])).code).toBe(0)
    expect((await cli(['--dir', backups, '--now', '2025-10-01T02:30:00Z'])).code).toBe(0)
    const drill = await cli(['verify', '--dir', backups])
    expect(drill.stderr).toBe('')
    expect(drill.code).toBe(0)
    expect(drill.stdout).toContain('restore drill of parsurvey-2025-10-01T02-30-00Z.zip: passed')
    expect(drill.stdout).toContain('200 responses, scores of 1 survey version equal')

    // What the backup recorded is what the server itself has (audit_log grows with each backup).
    const entries = await unzipEntries(fs.readFileSync(path.join(backups, 'parsurvey-2025-10-01T02-30-00Z.zip')))
    const manifest = JSON.parse(entries.get('parsurvey-backup.json')!.data.toString()) as ReturnType<typeof live>
    const now = live()
    expect(manifest.scores).toEqual(now.scores)
    expect(Object.keys(manifest.scores)).toEqual(['fixture-2025-district v2'])
    expect({ ...manifest.tables, audit_log: 0 }).toEqual({ ...now.tables, audit_log: 0 })
    expect(manifest.tables.responses).toBe(200)
  })

  it('fails, naming the table, when the restored rows differ from the manifest', async () => {
    expect((await cli(['--dir', backups, '--now', '2025-10-01T02:30:00Z'])).code).toBe(0)
    await tamper(path.join(backups, 'parsurvey-2025-10-01T02-30-00Z.zip'), (entries) => {
      const manifest = JSON.parse(entries.get('parsurvey-backup.json')!.toString()) as {
        tables: Record<string, number>
      }
      manifest.tables.responses = 201
      entries.set('parsurvey-backup.json', Buffer.from(JSON.stringify(manifest)))
    })
    const drill = await cli(['verify', '--dir', backups])
    expect(drill.code).toBe(1)
    expect(drill.stderr).toContain('restore drill of parsurvey-2025-10-02T02-30-00Z.zip: FAILED')
    expect(drill.stderr).toContain('Table responses: 201 rows when backed up, 200 after restoring.')
  })

  it('fails the integrity check of a damaged database', async () => {
    expect((await cli(['--dir', backups, '--now', '2025-10-01T02:30:00Z'])).code).toBe(0)
    await tamper(path.join(backups, 'parsurvey-2025-10-01T02-30-00Z.zip'), (entries) => {
      const db = Buffer.from(entries.get('parsurvey.db')!)
      // Overwrite the second half of the file (its pages of rows and indexes) with noise.
      for (let i = Math.floor(db.length / 2); i < db.length; i++) db[i] = (i * 7919) % 251
      entries.set('parsurvey.db', db)
    })
    const drill = await cli(['verify', path.join(backups, 'parsurvey-2025-10-02T02-30-00Z.zip')])
    expect(drill.code).toBe(1)
    expect(drill.stderr).toContain('restore drill of parsurvey-2025-10-02T02-30-00Z.zip: FAILED')
    expect(drill.stderr).toContain('SQLite integrity check failed')
  })

  it('says when there is nothing to verify', async () => {
    fs.mkdirSync(backups)
    const drill = await cli(['verify', '--dir', backups])
    expect(drill).toMatchObject({ code: 1, stdout: '' })
    expect(drill.stderr).toContain('There is no backup')
  })
})
