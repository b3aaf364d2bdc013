import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { run as migrateToPostgres } from '../cli/migrate-to-postgres.ts'
import { createServices } from '../services.ts'
import { writeFilledDatabase } from '../testing/filled-database.ts'
import { createTestDatabase, postgresBinDir } from '../testing/postgres.ts'
import { countsOf, postgresReader, scoresOf } from './migration-check.ts'
import { openStorage } from './open-storage.ts'

/**
 * Backups on PostgreSQL are PostgreSQL's own (docs/deploy.md, section 8): `pg_dump -Fc` of a
 * database filled through the app, restored with `pg_restore --no-owner` into an empty database,
 * gives the same rows and scores, and the server works on the restored copy: new rows get fresh
 * ids after the restored ones (the identity sequences come back with the data).
 */
const silent = { write: () => true }
let dir: string
let source: string
let restored: string
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-pg-dump-'))
  const file = path.join(dir, 'parsurvey.db')
  await writeFilledDatabase(file)
  source = await createTestDatabase(inject('pgAdminUrl'))
  expect(await migrateToPostgres(['--from', file, '--to', source], silent, silent)).toBe(0)
  const dump = path.join(dir, 'parsurvey.dump')
  const bin = postgresBinDir()
  execFileSync(path.join(bin, 'pg_dump'), ['-Fc', '-d', source, '-f', dump])
  restored = await createTestDatabase(inject('pgAdminUrl'))
  execFileSync(path.join(bin, 'pg_restore'), ['--no-owner', '--exit-on-error', '-d', restored, dump])
}, 180_000)
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

const tablesOf = (client: pg.Client) =>
  client
    .query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    .then((r) => r.rows.map((row) => row.name))

describe('a PostgreSQL backup by pg_dump, restored by pg_restore', () => {
  it('holds every table with the same rows and the same scores', async () => {
    const [before, after] = await Promise.all(
      [source, restored].map((url) =>
        withClient(url, async (client) => {
          const reader = postgresReader(client)
          const tables = await tablesOf(client)
          return { tables, counts: await countsOf(reader, tables), scores: await scoresOf(reader) }
        }),
      ),
    )
    expect(after!.tables).toEqual(before!.tables)
    expect(after!.counts).toEqual(before!.counts)
    expect(after!.counts.responses).toBeGreaterThan(500)
    expect(after!.scores.map((s) => [s.key, s.digest])).toEqual(before!.scores.map((s) => [s.key, s.digest]))
  })

  it('is served as it is: new accounts and audit entries get ids after the restored ones', async () => {
    const storage = await openStorage(restored)
    try {
      const services = createServices({ engine: 'postgres', storage })
      const accounts = await services.users.count()
      expect(accounts).toBeGreaterThan(0)
      const maxSeq = async () =>
        Number(
          (
            await storage.db
              .selectFrom('audit_log')
              .select(({ fn }) => fn.max('seq').as('n'))
              .executeTakeFirst()
          )?.n,
        )
      const before = await maxSeq()
      const user = await services.accounts.create(
        { username: 'sau-khoi-phuc', role: 'analyst', units: 'all', passwordHash: 'x', passwordGenerated: false },
        { userId: null, via: 'cli' },
      )
      expect(await services.users.count()).toBe(accounts + 1)
      const maxId = await storage.db
        .selectFrom('users')
        .select(({ fn }) => fn.max('id').as('n'))
        .where('username', '!=', 'sau-khoi-phuc')
        .executeTakeFirst()
      expect(user.id).toBe(Number(maxId?.n) + 1)
      expect(await maxSeq()).toBeGreaterThan(before)
      await services.backgroundFolds.close()
    } finally {
      await storage.close()
    }
  })
})
