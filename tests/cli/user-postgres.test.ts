import { createApp, createServices } from '@parsurvey/server'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStorage, type Storage } from '../../server/src/storage/open-storage.ts'
import { createTestDatabase, startTestPostgres, type TestPostgres } from '../../server/src/testing/postgres.ts'
import { runCli, type CliResult } from './run-cli.ts'

/**
 * The command line with `DATABASE_URL=postgres://…` (docs/storage.md): `user` works on the
 * PostgreSQL accounts, which the server's sign-in reads; a command still on SQLite only refuses,
 * changing nothing in `DATA_DIR` (before, each one silently worked on the SQLite file).
 */
let postgres: TestPostgres
let url: string
let storage: Storage
let dataDir: string
beforeAll(async () => {
  postgres = await startTestPostgres()
  url = await createTestDatabase(postgres.adminUrl)
  storage = await openStorage(url)
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-cli-pg-')), 'data')
})
afterAll(async () => {
  await storage?.close()
  postgres?.stop()
})

const env = () => ({ DATABASE_URL: url, DATA_DIR: dataDir })

const user = (args: string[], stdin = ''): Promise<CliResult> => runCli(['user', ...args], env(), stdin)

/** Logs in through the app on the same PostgreSQL database. */
async function logIn(username: string, password: string): Promise<number> {
  const app = createApp({ services: createServices({ engine: 'postgres', storage }), version: 'test' })
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  return res.status
}

describe('pnpm parsurvey with DATABASE_URL=postgres://…', () => {
  it('user adds, lists, resets and disables accounts in PostgreSQL, which the server signs in against', async () => {
    const added = await user(['add', '--username', 'so.noivu', '--role', 'analyst'], 'mat-khau-so-noi-vu\n')
    expect(added).toMatchObject({ code: 0, stderr: '' })
    expect(await logIn('so.noivu', 'mat-khau-so-noi-vu')).toBe(200)
    expect((await user(['list'])).stdout).toMatch(/so\.noivu\s+analyst\s+all\s+active/)
    expect((await user(['reset-password', '--username', 'so.noivu'], 'mat-khau-moi-2026\n')).code).toBe(0)
    expect(await logIn('so.noivu', 'mat-khau-so-noi-vu')).toBe(401)
    expect((await user(['disable', '--username', 'so.noivu'])).code).toBe(0)
    expect(await logIn('so.noivu', 'mat-khau-moi-2026')).toBe(401)
    const audit = await storage.db.selectFrom('audit_log').select('action').orderBy('seq').execute()
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['cli-user-create', 'cli-user-reset-password', 'cli-user-disable']),
    )
    // Nothing was made in DATA_DIR.
    expect(fs.existsSync(dataDir)).toBe(false)
  })
})
