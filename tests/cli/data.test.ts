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
let dbFile: string
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-cli-'))
  dbFile = path.join(dataDir, 'parsurvey.db')
  // The server creates the database on first start; the commands only ever open an existing one.
  openDatabase(dbFile).close()
})
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

const cli = (args: string[]) => runCli(args, { DATA_DIR: dataDir })

/** Publishes the district fixture and stores `count` generated responses, as the server would. */
function seedResponses(count: number): string[] {
  const parsed = parseSurveyText(
    fs.readFileSync(path.join(repoRoot, fixture('valid-district.yaml')), 'utf8'),
    'valid-district.yaml',
  )
  if (!parsed.ok) throw new Error('fixture survey is invalid')
  const db = openDatabase(dbFile)
  const services = createServices(db)
  services.sqlite.surveys.publish(parsed.survey, null)
  const user = services.sqlite.users.create({ username: 'admin', role: 'admin', units: 'all', passwordHash: 'x' })
  const responses = [...generateResponses(parsed.survey, count, 7)]
  for (let i = 0; i < responses.length; i += 100) ingestBatch(services, user, responses.slice(i, i + 100), 'en')
  // As the server's graceful stop: fold what waits, then close.
  services.folding.close()
  db.close()
  return responses.map((r) => r.id)
}

const aggregates = (file: string) => {
  const db = new Database(file, { readonly: true })
  const rows = {
    cells: db.prepare('SELECT * FROM agg_cells ORDER BY unit_id, group_id, question_id').all(),
    options: db.prepare('SELECT * FROM agg_options ORDER BY unit_id, group_id, question_id, value').all(),
    tallies: db.prepare('SELECT * FROM agg_tallies ORDER BY unit_id, group_id, location_id').all(),
  }
  db.close()
  return rows
}

describe('parsurvey survey publish', () => {
  it('prints every problem of an invalid file and publishes nothing', async () => {
    const result = await cli(['survey', 'publish', fixture('broken-points.yaml')])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toHaveLength(4)
    const db = new Database(dbFile, { readonly: true })
    expect(db.prepare('SELECT COUNT(*) FROM surveys').pluck().get()).toBe(0)
    db.close()
  })

  it('publishes a valid file once; the same file again changes nothing', async () => {
    const first = await cli(['survey', 'publish', fixture('valid-district.yaml')])
    expect(first).toMatchObject({ code: 0, stdout: 'published fixture-2025-district v2\n' })
    const again = await cli(['survey', 'publish', fixture('valid-district.yaml')])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('already published')
    const db = new Database(dbFile, { readonly: true })
    expect(db.prepare("SELECT COUNT(*) FROM surveys WHERE id = 'fixture-2025-district'").pluck().get()).toBe(1)
    db.close()
  })

  it('refuses to run on a DATA_DIR without a database', async () => {
    const result = await runCli(['survey', 'publish', fixture('valid-district.yaml')], {
      DATA_DIR: path.join(dataDir, 'nothing-here'),
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('There is no database')
    expect(fs.existsSync(path.join(dataDir, 'nothing-here'))).toBe(false)
  })
})

describe('parsurvey rebuild', () => {
  it('recomputes exactly the aggregates the server kept', async () => {
    seedResponses(300)
    const kept = aggregates(dbFile)
    const db = new Database(dbFile)
    db.prepare('DELETE FROM agg_cells').run()
    db.prepare('DELETE FROM agg_options').run()
    db.close()
    const result = await cli(['rebuild', '--survey', 'fixture-2025-district', '--version', '2'])
    expect(result).toMatchObject({
      code: 0,
      stdout: 'rebuilt the aggregates of fixture-2025-district v2 from 300 responses\n',
    })
    expect(aggregates(dbFile)).toEqual(kept)
  })
})

describe('parsurvey backup', () => {
  it('writes a copy that opens on its own and holds the responses, and never overwrites', async () => {
    const ids = seedResponses(40)
    const target = path.join(dataDir, 'copy.db')
    const result = await cli(['backup', target])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('backup written to')
    const copy = new Database(target, { readonly: true })
    expect(copy.prepare('SELECT id FROM responses ORDER BY id').pluck().all()).toEqual([...ids].sort())
    copy.close()
    const again = await cli(['backup', target])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')
  })

  it("writes the admin page's archive (database and access-code key) for a .zip target", async () => {
    seedResponses(5)
    const key = 'a'.repeat(43) + '='
    fs.writeFileSync(path.join(dataDir, 'access-codes.key'), key, { mode: 0o600 })
    const target = path.join(dataDir, 'copy.zip')
    const result = await cli(['backup', target])
    expect(result.code).toBe(0)
    const entries = await unzipEntries(fs.readFileSync(target))
    expect([...entries.keys()].sort()).toEqual(['access-codes.key', 'parsurvey.db'])
    expect(entries.get('access-codes.key')!.data.toString()).toBe(key)
    expect(entries.get('parsurvey.db')!.data.subarray(0, 15).toString()).toBe('SQLite format 3')
  })
})
