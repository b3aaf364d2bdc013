import { createServices, type Services } from '@parsurvey/server'
import { makeSurvey } from '@parsurvey/shared/testing'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aggregateStore } from '../../server/src/storage/aggregate-store.ts'
import { openStorage, type Storage } from '../../server/src/storage/open-storage.ts'
import { responseStore } from '../../server/src/storage/response-store.ts'
import { prepareResponse } from '../../server/src/sync/ingest.ts'
import { makeResponse } from '../../server/src/testing/harness.ts'
import { createTestDatabase, startTestPostgres, type TestPostgres } from '../../server/src/testing/postgres.ts'
import { repoRoot, runCli } from './run-cli.ts'

/**
 * The commands of the command line with `DATABASE_URL=postgres://…` work on the database the
 * server uses (cli/database.ts `openCommandDatabase`): what they write, the server reads; nothing
 * is made in DATA_DIR. `backup`, which copies the SQLite file, refuses and says what to use.
 */
let postgres: TestPostgres
let url: string
let storage: Storage
let services: Services
let dir: string
let dataDir: string
beforeAll(async () => {
  postgres = await startTestPostgres()
  url = await createTestDatabase(postgres.adminUrl)
  storage = await openStorage(url)
  services = createServices({ engine: 'postgres', storage })
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-cli-pg-'))
  dataDir = path.join(dir, 'data')
})
afterAll(async () => {
  await storage?.close()
  postgres?.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

const cli = (args: string[]) => runCli(args, { DATABASE_URL: url, DATA_DIR: dataDir })
const auditActions = async () =>
  (await storage.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((a) => a.action)

describe('pnpm parsurvey commands with DATABASE_URL=postgres://…', () => {
  it('survey publish puts a survey file in PostgreSQL, once; survey print prints it from there', async () => {
    const file = path.join(repoRoot, 'surveys/par-2026-department.yaml')
    const published = await cli(['survey', 'publish', file])
    expect(published).toMatchObject({ code: 0, stderr: '' })
    expect(published.stdout).toContain('published par-2026-department v')
    expect((await services.surveys.latest('par-2026-department'))?.id).toBe('par-2026-department')
    expect((await cli(['survey', 'publish', file])).stdout).toContain('already published')

    const out = path.join(dir, 'forms.html')
    const printed = await cli(['survey', 'print', '--survey', 'par-2026-department', '--out', out])
    expect(printed).toMatchObject({ code: 0, stderr: '' })
    expect(fs.readFileSync(out, 'utf8')).toContain('<article class="copy"')
    expect(fs.existsSync(dataDir)).toBe(false)
  })

  it('respondents import puts the register in PostgreSQL, where the server lists it', async () => {
    const csv = path.join(dir, 'register.csv')
    fs.writeFileSync(
      csv,
      [
        'name,position,organisation,group,email,phone,units',
        'Nguyễn Văn An,Đại biểu,HĐND tỉnh,delegate,an@hdnd.vn,,all',
        'Trần Thị Bình,Giám đốc,Sở Y tế,dept-leader,,0912345678,all',
      ].join('\n'),
    )
    if (!(await services.surveys.latest('par-2026-department')))
      expect((await cli(['survey', 'publish', path.join(repoRoot, 'surveys/par-2026-department.yaml')])).code).toBe(0)
    const args = ['respondents', 'import', '--survey', 'par-2026-department', csv]
    // Personal codes are sealed with the key every app server shares: without it, nothing is done.
    const keyless = await cli(args)
    expect(keyless.code).toBe(1)
    expect(keyless.stderr).toContain('ACCESS_CODE_KEY_FILE must name the access-code key file')
    expect(await services.respondents.list('par-2026-department')).toEqual([])

    const keyFile = path.join(dir, 'access-codes.key')
    fs.writeFileSync(keyFile, randomBytes(32).toString('base64'))
    const imported = await runCli(args, { DATABASE_URL: url, DATA_DIR: dataDir, ACCESS_CODE_KEY_FILE: keyFile })
    expect(imported.stdout.trim()).toBe(
      'Register of par-2026-department imported: 2 new, 0 updated, 0 unchanged; 2 people in all.',
    )
    expect(imported.code).toBe(0)
    const people = await services.respondents.list('par-2026-department')
    expect(people.map((p) => p.name).sort()).toEqual(['Nguyễn Văn An', 'Trần Thị Bình'])
  })

  it('rebuild recomputes the aggregates in PostgreSQL from the stored responses, and says so in the audit log', async () => {
    const survey = makeSurvey()
    await services.surveys.publish(survey, null)
    const user = await services.accounts.create(
      { username: 'lan', role: 'surveyor', units: 'all', passwordHash: 'x', passwordGenerated: false },
      { userId: null, via: 'cli' },
    )
    const items = ['good', 'fair', 'very-good'].map((q1) => prepareResponse(survey, makeResponse({ answers: { q1 } })))
    await responseStore(storage).storeBatches([
      {
        receivedAt: new Date().toISOString(),
        sender: user,
        locale: 'vi',
        items: items.map((item) => ({ kind: 'valid' as const, ...item })),
      },
    ])
    const key = { surveyId: survey.id, surveyVersion: survey.version }
    const aggregates = aggregateStore(storage)
    await aggregates.fold()
    const counted = await aggregates.read(key)
    expect(counted.cells.length).toBeGreaterThan(0)
    // Aggregates lost (an operator's mistake, a bug fixed): the rebuild brings them back.
    await storage.db.deleteFrom('agg_cells').execute()
    await storage.db.deleteFrom('agg_options').execute()

    const rebuilt = await cli(['rebuild', '--survey', survey.id, '--version', String(survey.version)])
    expect(rebuilt).toMatchObject({ code: 0, stderr: '' })
    expect(rebuilt.stdout).toContain(`${survey.id}`)
    expect(rebuilt.stdout).toMatch(/\b3 responses\b/)
    expect(await aggregates.read(key)).toEqual(counted)
    expect(await auditActions()).toContain('aggregates-rebuild')

    const all = await cli(['rebuild'])
    expect(all.code).toBe(0)
    expect(all.stdout).toContain(survey.id)
    expect(all.stdout).toContain('par-2026-department')
    const unknown = await cli(['rebuild', '--survey', 'no-such-survey', '--version', '1'])
    expect(unknown.code).toBe(1)
  })

  it('backup refuses, naming DATABASE_URL and pg_dump, and touches neither database', async () => {
    const before = await auditActions()
    const res = await cli(['backup', path.join(dir, 'never.zip')])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('DATABASE_URL names a PostgreSQL database')
    expect(res.stderr).toContain('pg_dump')
    expect(res.stderr).not.toContain(new URL(url).password || '\u0000')
    expect(fs.existsSync(dataDir)).toBe(false)
    expect(fs.existsSync(path.join(dir, 'never.zip'))).toBe(false)
    expect(await auditActions()).toEqual(before)
  })
})
