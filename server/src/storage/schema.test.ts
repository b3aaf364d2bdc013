import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase } from '../db/connection.ts'
import { createTestDatabase } from '../testing/postgres.ts'
import { openStorage, type Storage } from './open-storage.ts'

const migrationsRoot = path.join(import.meta.dirname, '..', 'db')
const sqlFiles = (dir: string) =>
  fs
    .readdirSync(path.join(migrationsRoot, dir))
    .filter((f) => f.endsWith('.sql'))
    .sort()

/** PostgreSQL's stand-ins for SQLite's implicit rowid (db/migrations-pg/001_init.sql). */
const ROWID_STAND_INS = { responses: ['seq'] } as Record<string, string[]>

function sqliteColumns(db: Database.Database): Record<string, string[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  return Object.fromEntries(
    tables.map((t) => [t, (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).sort()]),
  )
}

async function postgresColumns(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, column_name`,
    )
    const tables: Record<string, string[]> = {}
    for (const { table_name, column_name } of rows) {
      if (ROWID_STAND_INS[table_name]?.includes(column_name)) continue
      ;(tables[table_name] ??= []).push(column_name)
    }
    return tables
  } finally {
    await client.end()
  }
}

describe('migrations for both engines', () => {
  let url: string
  let storage: Storage
  let pool: pg.Pool
  beforeAll(async () => {
    url = await createTestDatabase(inject('pgAdminUrl'))
    storage = await openStorage(url)
    pool = new pg.Pool({ connectionString: url, max: 2 })
  })
  afterAll(async () => {
    await storage.close()
    await pool.end()
  })

  it('has a PostgreSQL twin for every SQLite migration, under the same name', () => {
    expect(sqlFiles('migrations-pg')).toEqual(sqlFiles('migrations'))
  })

  it('gives PostgreSQL the same tables with the same columns as SQLite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-schema-'))
    const sqlite = openDatabase(path.join(dir, 'parsurvey.db'))
    try {
      const expected = sqliteColumns(sqlite)
      expect(Object.keys(expected).length).toBeGreaterThan(20)
      expect(await postgresColumns(url)).toEqual(expected)
    } finally {
      sqlite.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('records the same versions, and a second start (another app server) applies nothing', async () => {
    const versions = sqlFiles('migrations').map((f) => f.replace(/\.sql$/, ''))
    const { rows } = await pool.query('SELECT version FROM schema_migrations')
    expect(rows.map((r: { version: string }) => r.version).sort()).toEqual(versions)
    const [a, b] = await Promise.all([openStorage(url), openStorage(url)])
    await Promise.all([a.close(), b.close()])
    const again = await pool.query('SELECT count(*)::int AS n FROM schema_migrations')
    expect(again.rows[0].n).toBe(versions.length)
  })

  it('keeps the rules the SQLite triggers keep: responses are append-only', async () => {
    const client = await pool.connect()
    try {
      await client.query("INSERT INTO surveys VALUES ('s', 1, '{}', 'h', '2026-01-01T00:00:00Z', NULL)")
      await client.query(
        "INSERT INTO responses (id, survey_id, survey_version, unit_id, group_id, channel, body, hash, received_at) VALUES ('r1', 's', 1, 'u', 'g', 'paper', '{}', 'h', '2026-01-01T00:00:00Z')",
      )
      await expect(client.query("UPDATE responses SET body = '{}'")).rejects.toThrow('responses are append-only')
      await expect(client.query('DELETE FROM responses')).rejects.toThrow('responses are append-only')
      await expect(client.query('DELETE FROM surveys')).rejects.toThrow('published surveys are immutable')
    } finally {
      client.release()
    }
  })
})
