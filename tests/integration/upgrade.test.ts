import { generateResponses, parseSurveyText, type Survey } from '@parsurvey/shared'
import { createServices, ingestBatch, openDatabase } from '@parsurvey/server'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { scoreDigests, tableCounts } from '../../server/src/backup/manifest.ts'
import { migrate, migrationVersions } from '../../server/src/db/migrate.ts'
import { runCli } from '../cli/run-cli.ts'
import { repoRoot, startServer } from '../support/server-process.ts'

// The upgrade procedure of docs/deploy.md: a database of an earlier release, the new server
// started on it. The earlier release is the schema up to migration 055 (before the score inputs
// of 070). Its rows are those this release's code writes (publish a survey, ingest and fold
// responses), copied with SQL into the tables the old schema has: the services of today prepare
// statements on tables the old schema lacks.
const PREVIOUS = '055_invitations'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})
const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-upgrade-'))
  dirs.push(dir)
  return dir
}

function fixtureSurvey(): Survey {
  const file = path.join(repoRoot, 'tests/fixtures/surveys/valid-district.yaml')
  const parsed = parseSurveyText(fs.readFileSync(file, 'utf8'), 'valid-district.yaml')
  if (!parsed.ok) throw new Error('fixture survey is invalid')
  return parsed.survey
}

/** A survey and 150 responses, stored and folded. */
function fill(db: Database.Database): void {
  const survey = fixtureSurvey()
  const services = createServices(db)
  services.sqlite.surveys.publish(survey, null)
  const user = services.sqlite.users.create({ username: 'admin', role: 'admin', units: 'all', passwordHash: 'x' })
  ingestBatch(services, user, [...generateResponses(survey, 150, 7)], 'en')
  services.folding.close()
  db.close()
}

/** Copies every row of `from` into the tables `db` has (its schema migrations excepted; rows a migration seeded are replaced). */
function copyRows(db: Database.Database, from: string): void {
  db.prepare('ATTACH DATABASE ? AS ref').run(from)
  const tables = db
    .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[]
  db.transaction(() => {
    for (const table of tables.filter((name) => name !== 'schema_migrations')) {
      const columns = (db.prepare(`PRAGMA main.table_info("${table}")`).all() as { name: string }[])
        .map((c) => `"${c.name}"`)
        .join(', ')
      db.exec(`INSERT OR REPLACE INTO main."${table}" (${columns}) SELECT ${columns} FROM ref."${table}"`)
    }
  })()
  db.exec('DETACH DATABASE ref')
}

/** Row counts and score digests, read with this release's code. */
function snapshot(file: string) {
  const services = createServices(openDatabase(file))
  try {
    return { scores: scoreDigests(services), tables: tableCounts(services) }
  } finally {
    services.folding.close()
    services.db.close()
  }
}

describe('upgrading from the previous release', () => {
  it('copies the old database to pre-upgrade/ first, then migrates, keeping every response and score', async () => {
    expect(migrationVersions().at(-1)! > PREVIOUS).toBe(true)
    // The data written by this release from the start: what the upgraded database must equal.
    const reference = path.join(scratch(), 'parsurvey.db')
    fill(openDatabase(reference))

    const dataDir = scratch()
    const dbFile = path.join(dataDir, 'parsurvey.db')
    const old = new Database(dbFile)
    old.pragma('journal_mode = WAL')
    migrate(old, { through: PREVIOUS })
    copyRows(old, reference)
    old.close()

    const server = await startServer({ dataDir })
    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(200)
    await server.stop()

    const copies = fs.readdirSync(path.join(dataDir, 'pre-upgrade'))
    const to = migrationVersions().at(-1)!.slice(0, 3)
    expect(copies).toHaveLength(1)
    expect(copies[0]).toMatch(new RegExp(`^parsurvey-055-${to}-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z\\.db$`))
    const log = server.output()
    expect(log).toContain(`"copy":"${path.join(dataDir, 'pre-upgrade', copies[0]!)}"`)
    expect(log).toContain(`Upgrade: database copied to`)

    // The copy opens with the old schema and holds the old data.
    const copy = new Database(path.join(dataDir, 'pre-upgrade', copies[0]!), { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(copy.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(PREVIOUS)
    expect(copy.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'adjustment_sets'").pluck().get()).toBe(0)
    expect(copy.prepare('SELECT COUNT(*) FROM responses').pluck().get()).toBe(150)
    copy.close()

    // The upgraded database: every migration applied, the same rows and scores as the reference.
    const upgraded = snapshot(dbFile)
    const expected = snapshot(reference)
    // (the server also published the demo surveys of surveys/ at start, as every start does)
    const key = 'fixture-2025-district v2'
    expect(expected.scores[key]).toBeDefined()
    expect(upgraded.scores[key]).toBe(expected.scores[key])
    for (const table of ['responses', 'agg_cells', 'agg_tallies', 'schema_migrations'])
      expect(upgraded.tables[table], table).toBe(expected.tables[table])
    expect(upgraded.tables.responses).toBe(150)

    // Started again, nothing is pending: no second copy.
    const again = await startServer({ dataDir })
    await again.stop()
    expect(fs.readdirSync(path.join(dataDir, 'pre-upgrade'))).toEqual(copies)
  })

  it('has the command line copy an old database before it migrates, as the server does', async () => {
    const dataDir = scratch()
    const old = new Database(path.join(dataDir, 'parsurvey.db'))
    migrate(old, { through: PREVIOUS })
    old.close()
    const result = await runCli(['user', 'list'], { DATA_DIR: dataDir })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Upgrade: database copied to')
    const copies = fs.readdirSync(path.join(dataDir, 'pre-upgrade'))
    expect(copies).toHaveLength(1)
    expect(copies[0]).toMatch(/^parsurvey-055-/)
  })

  it('writes no copy on a fresh install', async () => {
    const dataDir = scratch()
    const server = await startServer({ dataDir })
    await server.stop()
    expect(fs.existsSync(path.join(dataDir, 'parsurvey.db'))).toBe(true)
    expect(fs.existsSync(path.join(dataDir, 'pre-upgrade'))).toBe(false)
    expect(server.output()).not.toContain('Upgrade:')
  })
})
