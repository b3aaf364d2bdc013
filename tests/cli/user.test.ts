import { createApp, createServices, openDatabase } from '@parsurvey/server'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli, type CliResult } from './run-cli.ts'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'parsurvey-cli-user-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

/** `pnpm parsurvey user …` on the temporary DATA_DIR, with `stdin` piped in (as `echo pw | …`). */
const user = (args: string[], stdin = ''): Promise<CliResult> => runCli(['user', ...args], { DATA_DIR: dataDir }, stdin)

/** Logs in through the real app on the same database file the CLI wrote. */
async function logIn(username: string, password: string): Promise<number> {
  const db = openDatabase(join(dataDir, 'parsurvey.db'))
  try {
    const app = createApp({ services: createServices(db), version: 'test' })
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    return res.status
  } finally {
    db.close()
  }
}

function auditActions(): { action: string; userId: number | null }[] {
  const db = openDatabase(join(dataDir, 'parsurvey.db'))
  try {
    return db.prepare('SELECT action, user_id AS userId FROM audit_log ORDER BY seq').all() as {
      action: string
      userId: number | null
    }[]
  } finally {
    db.close()
  }
}

describe('pnpm parsurvey user', () => {
  it('adds an account with the password from stdin; it can then log in to the server', async () => {
    const added = await user(
      ['add', '--username', 'tam.nguyen', '--role', 'supervisor', '--units', 'huyen-a,huyen-b'],
      'mat-khau-cua-tam\n',
    )
    expect(added).toMatchObject({ code: 0, stderr: '' })
    expect(added.stdout).toContain('tam.nguyen')
    expect(await logIn('tam.nguyen', 'mat-khau-cua-tam')).toBe(200)
    const listed = await user(['list'])
    expect(listed.stdout).toMatch(/tam\.nguyen\s+supervisor\s+huyen-a,huyen-b\s+active/)
    expect(auditActions()).toEqual([{ action: 'cli-user-create', userId: null }])
  })

  it('refuses an empty password, a short one and a bad username, creating nothing', async () => {
    const empty = await user(['add', '--username', 'tam', '--role', 'analyst'], '\n')
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/password/i)
    const short = await user(['add', '--username', 'tam', '--role', 'analyst'], 'short\n')
    expect(short.code).toBe(2)
    expect(short.stderr).toContain('at least 10')
    const badName = await user(['add', '--username', 'Tâm', '--role', 'analyst'], 'long-enough-password\n')
    expect(badName.code).toBe(2)
    expect((await user(['list'])).stdout.trim().split('\n')).toHaveLength(1)
  })

  it('resets a password from stdin and disables an account, both audited as cli actions', async () => {
    await user(['add', '--username', 'lan', '--role', 'surveyor', '--units', 'all'], 'first-password\n')
    const reset = await user(['reset-password', '--username', 'lan'], 'second-password\n')
    expect(reset.code).toBe(0)
    expect(await logIn('lan', 'first-password')).toBe(401)
    expect(await logIn('lan', 'second-password')).toBe(200)
    expect((await user(['disable', '--username', 'lan'])).code).toBe(0)
    expect(await logIn('lan', 'second-password')).toBe(401)
    expect((await user(['list'])).stdout).toMatch(/lan\s+surveyor\s+all\s+disabled/)
    expect(auditActions().map((a) => a.action)).toEqual([
      'cli-user-create',
      'cli-user-reset-password',
      'cli-user-disable',
    ])
    const missing = await user(['disable', '--username', 'nobody'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('nobody')
  })

  it('prints its usage when arguments are missing', async () => {
    const res = await user(['add', '--username', 'x'])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('usage: pnpm parsurvey user add')
  })
})
