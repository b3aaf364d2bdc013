import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBuiltServerToExit } from '../support/built-server.ts'
import { freePort } from '../support/server-process.ts'

/**
 * `npm start` with DATABASE_URL (docs/storage.md, docs/deploy.md): a URL that is not PostgreSQL's
 * and a PostgreSQL one without the shared key file are refused before anything is opened or
 * created, and a PostgreSQL that does not answer stops the start; no message repeats the password.
 * (Starting on PostgreSQL: two-servers-postgres.test.ts.)
 */
async function startWith(
  databaseUrl: string,
  withKey = true,
): Promise<{ code: number | null; output: string; dataDir: string }> {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-pgstart-')), 'data')
  // The key file every app server on PostgreSQL shares (config.ts).
  const keyFile = path.join(path.dirname(dataDir), 'access-codes.key')
  fs.writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 })
  const { code, output } = await runBuiltServerToExit(
    { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ...(withKey ? { ACCESS_CODE_KEY_FILE: keyFile } : {}) },
    await freePort(),
  )
  return { code, output, dataDir }
}

describe('start-up with DATABASE_URL', () => {
  it('refuses a URL that is not PostgreSQL, naming DATABASE_URL and not its password', async () => {
    const { code, output, dataDir } = await startWith('mysql://khaosat:p4ss-bi-mat@db.snv.vn/parsurvey')
    expect(code).toBe(1)
    expect(output).toContain('DATABASE_URL must start with postgres:// or postgresql://')
    expect(output).not.toContain('p4ss-bi-mat')
    expect(output).not.toMatch(/^\s+at /m)
    expect(fs.existsSync(dataDir)).toBe(false)
  })

  it('stops with a message naming the database, not its password, when PostgreSQL does not answer', async () => {
    // Nothing listens on a port just found free.
    const port = await freePort()
    const { code, output, dataDir } = await startWith(`postgres://khaosat:p4ss-bi-mat@127.0.0.1:${port}/parsurvey`)
    expect(code).toBe(1)
    expect(output).toContain(`Cannot open the database postgres://khaosat@127.0.0.1:${port}/parsurvey (`)
    expect(output).toContain('Check DATABASE_URL and that PostgreSQL runs.')
    expect(output).not.toContain('p4ss-bi-mat')
    expect(output).not.toMatch(/^\s+at /m)
    // Nothing was made in DATA_DIR: on PostgreSQL the server keeps nothing there.
    expect(fs.existsSync(dataDir)).toBe(false)
  })

  it('refuses PostgreSQL without the access-code key file every server shares, saying how to make it', async () => {
    const { code, output, dataDir } = await startWith('postgres://khaosat:p4ss-bi-mat@127.0.0.1:5432/parsurvey', false)
    expect(code).toBe(1)
    expect(output).toContain('ACCESS_CODE_KEY_FILE must name the access-code key file every app server shares')
    expect(output).toContain('head -c 32 /dev/urandom | base64')
    expect(output).not.toContain('p4ss-bi-mat')
    expect(fs.existsSync(dataDir)).toBe(false)
  })
})
