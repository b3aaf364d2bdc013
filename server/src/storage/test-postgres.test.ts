import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createTestDatabase } from '../testing/postgres.ts'

describe('the test PostgreSQL', () => {
  let client: pg.Client
  beforeAll(async () => {
    client = new pg.Client({ connectionString: await createTestDatabase(inject('pgAdminUrl')) })
    await client.connect()
  })
  afterAll(() => client.end())

  it('keeps what is written: create a table, insert a row, read it back', async () => {
    await client.query('CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)')
    await client.query('INSERT INTO notes (id, body) VALUES ($1, $2)', ['n1', 'Ông/Bà đánh giá thế nào?'])
    const { rows } = await client.query('SELECT id, body FROM notes')
    expect(rows).toEqual([{ id: 'n1', body: 'Ông/Bà đánh giá thế nào?' }])
  })

  it('gives each test file a database of its own', async () => {
    const other = new pg.Client({ connectionString: await createTestDatabase(inject('pgAdminUrl')) })
    await other.connect()
    try {
      const { rows } = await other.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'notes'")
      expect(rows[0].n).toBe(0)
    } finally {
      await other.end()
    }
  })
})
