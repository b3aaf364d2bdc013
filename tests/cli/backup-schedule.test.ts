import { generateResponses, parseSurveyText } from '@parsurvey/shared'
import { createServices, ingestBatch, openDatabase } from '@parsurvey/server'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { unzipEntries } from '../../server/src/testing/unzip.ts'
import { fixture, repoRoot, runCli } from './run-cli.ts'

let dataDir: string
let backups: string
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-scheduled-'))
  backups = path.join(dataDir, 'backups')
  const parsed = parseSurveyText(
    fs.readFileSync(path.join(repoRoot, fixture('valid-district.yaml')), 'utf8'),
    'valid-district.yaml',
  )
  if (!parsed.ok) throw new Error('fixture survey is invalid')
  const db = openDatabase(path.join(dataDir, 'parsurvey.db'))
  const services = createServices(db)
  services.sqlite.surveys.publish(parsed.survey, null)
  const user = services.sqlite.users.create({ username: 'admin', role: 'admin', units: 'all', passwordHash: 'x' })
  ingestBatch(services, user, [...generateResponses(parsed.survey, 30, 3)], 'en')
  services.folding.close()
  db.close()
})
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

const backup = (args: string[]) => runCli(['backup', '--dir', backups, ...args], { DATA_DIR: dataDir })
const zip = (iso: string) => `parsurvey-${iso.replace(/:/g, '-')}.zip`

describe('parsurvey backup --dir (scheduled backups)', () => {
  it('writes a dated archive of the database and key that holds every response', async () => {
    fs.writeFileSync(path.join(dataDir, 'access-codes.key'), 'k'.repeat(43) + '=', { mode: 0o600 })
    const result = await backup(['--now', '2025-10-01T02:30:00Z'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('0 old backups removed')
    expect(fs.readdirSync(backups)).toEqual([zip('2025-10-01T02:30:00Z')])
    const file = path.join(backups, zip('2025-10-01T02:30:00Z'))
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    const entries = await unzipEntries(fs.readFileSync(file))
    expect(entries.has('access-codes.key')).toBe(true)
    const copy = path.join(dataDir, 'copy.db')
    fs.writeFileSync(copy, entries.get('parsurvey.db')!.data)
    const db = new Database(copy, { readonly: true })
    expect(db.prepare('SELECT COUNT(*) FROM responses').pluck().get()).toBe(30)
    db.close()
    // The server's /metrics reads the age of the newest backup from this audit entry.
    const live = new Database(path.join(dataDir, 'parsurvey.db'), { readonly: true })
    expect(live.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'database-backup'").pluck().get()).toBe(1)
    live.close()
  })

  it('applies the retention rule by the dates in the names, and touches no other file', async () => {
    fs.mkdirSync(backups)
    // Sixty days of backups already there (2025-08-02 … 2025-09-30), and two files that are not backups.
    const old = Array.from({ length: 60 }, (_, i) =>
      zip(new Date(Date.parse('2025-08-02T02:30:00Z') + i * 86_400_000).toISOString().replace(/\.000Z$/, 'Z')),
    )
    for (const name of old) fs.writeFileSync(path.join(backups, name), 'an older backup')
    fs.writeFileSync(path.join(backups, 'README.txt'), 'kept by hand')
    fs.writeFileSync(path.join(backups, 'parsurvey-manual.db'), 'kept by hand')

    const result = await backup(['--now', '2025-10-01T02:30:00Z', '--keep-daily', '3', '--keep-weekly', '2'])
    expect(result.code).toBe(0)
    // Days: 10-01 (new), 09-30, 09-29. Weeks: W40 (newest is the new one), W39 ends Sunday 09-28.
    expect(fs.readdirSync(backups).sort()).toEqual(
      [
        'README.txt',
        'parsurvey-manual.db',
        zip('2025-09-28T02:30:00Z'),
        zip('2025-09-29T02:30:00Z'),
        zip('2025-09-30T02:30:00Z'),
        zip('2025-10-01T02:30:00Z'),
      ].sort(),
    )
    expect(result.stdout).toContain('57 old backups removed')
  })

  it('never overwrites a backup of the same time, and refuses bad options by name', async () => {
    expect((await backup(['--now', '2025-10-01T02:30:00Z'])).code).toBe(0)
    const again = await backup(['--now', '2025-10-01T02:30:00Z'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')
    const days = await backup(['--keep-daily', 'fourteen'])
    expect(days).toMatchObject({
      code: 1,
      stderr: '--keep-daily must be a whole number from 0 to 1000, got "fourteen".\n',
    })
    const now = await backup(['--now', 'yesterday'])
    expect(now.code).toBe(1)
    expect(now.stderr).toContain('--now must be an ISO 8601 time')
    expect(fs.readdirSync(backups)).toEqual([zip('2025-10-01T02:30:00Z')])
  })
})
