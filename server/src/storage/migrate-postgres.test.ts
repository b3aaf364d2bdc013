import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { createTestDatabase } from '../testing/postgres.ts'
import { migratePostgres } from './migrate-postgres.ts'
import { openStorage } from './open-storage.ts'
import { userStore } from './user-store.ts'

/**
 * A migrated PostgreSQL database opened by a role that may read and write rows but not change
 * the schema (what an operator gives an app server once the schema is in place): it opens, with
 * nothing to apply and no DDL tried.
 */
describe('migrations on PostgreSQL with a role that cannot create tables', () => {
  const role = `parsurvey_rows_${randomBytes(4).toString('hex')}`
  let url: string
  let rowsUrl: string
  let admin: pg.Pool
  beforeAll(async () => {
    url = await createTestDatabase(inject('pgAdminUrl'))
    admin = new pg.Pool({ connectionString: url, max: 1 })
    await migratePostgres(admin)
    const database = new URL(url).pathname.slice(1)
    await admin.query(`CREATE ROLE ${role} LOGIN`)
    await admin.query(`GRANT CONNECT ON DATABASE ${database} TO ${role}`)
    await admin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`)
    await admin.query(`GRANT USAGE ON SCHEMA public TO ${role}`)
    await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`)
    await admin.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`)
    const asRole = new URL(url)
    asRole.username = role
    rowsUrl = asRole.toString()
  })
  afterAll(async () => {
    await admin.query(`DROP OWNED BY ${role}`)
    await admin.end()
    const cluster = new pg.Client({ connectionString: inject('pgAdminUrl') })
    await cluster.connect()
    await cluster.query(`DROP ROLE ${role}`).finally(() => cluster.end())
  })

  it('really cannot change the schema', async () => {
    const pool = new pg.Pool({ connectionString: rowsUrl, max: 1 })
    try {
      await expect(pool.query('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT)')).rejects.toThrow(
        /permission denied/,
      )
    } finally {
      await pool.end()
    }
  })

  it('applies nothing and opens the storage, which reads and writes rows', async () => {
    const pool = new pg.Pool({ connectionString: rowsUrl, max: 1 })
    try {
      expect(await migratePostgres(pool)).toEqual([])
    } finally {
      await pool.end()
    }
    const storage = await openStorage(rowsUrl)
    try {
      const users = userStore(storage.db)
      expect(
        await users.create({ username: 'lan', passwordHash: 'x', role: 'surveyor', units: ['xa-1'] }),
      ).toMatchObject({ username: 'lan', units: ['xa-1'] })
      expect(await users.count()).toBe(1)
    } finally {
      await storage.close()
    }
  })
})

/** Several app servers starting together on one empty database (docs/deploy.md): one migrates, the others wait and find it done. */
describe('migrations on PostgreSQL when three servers start at once', () => {
  it('applies every file once: the other two wait for it and apply nothing', async () => {
    const url = await createTestDatabase(inject('pgAdminUrl'))
    const pools = [1, 2, 3].map(() => new pg.Pool({ connectionString: url, max: 1 }))
    try {
      const applied = await Promise.all(pools.map((pool) => migratePostgres(pool)))
      const all = applied.find((versions) => versions.length > 0)!
      expect(all.length).toBeGreaterThan(0)
      expect(applied.map((versions) => versions.length).sort((a, b) => a - b)).toEqual([0, 0, all.length])
      const recorded = await pools[0]!.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY 1')
      expect(recorded.rows.map((r) => r.version)).toEqual(all)
    } finally {
      await Promise.all(pools.map((pool) => pool.end()))
    }
  })
})
