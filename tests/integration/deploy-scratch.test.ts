import { generateResponses, parseSurveyText, type Survey } from '@parsurvey/shared'
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { unzipEntries } from '../../server/src/testing/unzip.ts'
import {
  guideCommands,
  installBuild,
  readServiceUnit,
  runExec,
  runInstallCommands,
  scratchRoot,
  setVariable,
  startExec,
  type ServiceUnit,
} from '../support/scratch-deploy.ts'
import { freePort } from '../support/server-process.ts'

/**
 * Issue 19, part 1: docs/deploy.md tried from scratch. The guide's folders and environment file
 * are made by its own `install` commands in a scratch root, the built app is installed under
 * /opt/parsurvey there, and the server and the backup run exactly as deploy/parsurvey.service and
 * deploy/parsurvey-backup.service start them (ExecStart, WorkingDirectory, Environment,
 * EnvironmentFile, UMask). The test then plays the reverse proxy (TRUST_PROXY=127.0.0.1): health,
 * readiness, the PWA, a log-in, a sync, /metrics; the backup with its restore drill; a stop; the
 * README's restore steps; and a start on the restored database. Not done here: the `parsurvey`
 * user (the processes run as the test's user), systemd itself, the proxies (checked by
 * deploy-files.test.ts), `pnpm install` (the packages are linked).
 */
const SITE = 'https://khaosat.example.gov.vn'
const scratch = scratchRoot(fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-root-')))
afterAll(() => fs.rmSync(scratch.root, { recursive: true, force: true }))

type Running = { output: () => string; stop(): Promise<number | null> }

/** Starts the service's ExecStart and waits for /api/health, as `systemctl start` and a monitor would. */
async function startService(unit: ServiceUnit, port: number): Promise<Running> {
  const child = startExec(unit, unit.execStart[0]!)
  let output = ''
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  for (const deadline = Date.now() + 30_000; ;) {
    if (child.exitCode !== null) throw new Error(`the service exited:\n${output}`)
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`no answer on ${port}:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  await new Promise((r) => setTimeout(r, 100))
  return {
    output: () => output,
    stop: () => (child.kill('SIGTERM'), exited),
  }
}

describe('docs/deploy.md in a scratch root', () => {
  const password = `mat-khau-${randomBytes(8).toString('hex')}`
  const metricsToken = randomBytes(32).toString('hex')
  let port: number
  let unit: ServiceUnit
  let backupUnit: ServiceUnit
  let server: Running
  let cookie = ''
  let survey: Survey
  const dataDir = scratch.at('/var/lib/parsurvey')

  /** A request as the proxy forwards it: from 127.0.0.1, with the client's address and https. */
  const viaProxy = (url: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}${url}`, {
      ...init,
      headers: {
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-proto': 'https',
        origin: SITE,
        ...(cookie ? { cookie } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    })

  it('section 2: the guide’s install commands make the folders and the environment file the units read', async () => {
    const opt = installBuild(scratch)
    const run = runInstallCommands(scratch, guideCommands(2), opt)
    expect(run.length).toBeGreaterThanOrEqual(3)
    unit = readServiceUnit(scratch, path.join(opt, 'deploy/parsurvey.service'))
    backupUnit = readServiceUnit(scratch, path.join(opt, 'deploy/parsurvey-backup.service'))
    for (const u of [unit, backupUnit]) {
      expect(u.environmentFile).toBe(scratch.at('/etc/parsurvey/parsurvey.env'))
      expect(fs.existsSync(u.environmentFile)).toBe(true)
      expect(u.workingDirectory).toBe(opt)
      expect(u.environment.NODE_ENV).toBe('production')
    }
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700)
    expect(fs.statSync(scratch.at('/etc/parsurvey/parsurvey.env')).mode & 0o777).toBe(0o640)

    // Section 3, as an operator fills it in: the example's values, a port, the first admin password, a metrics token.
    port = await freePort()
    let env = scratch.rewrite(fs.readFileSync(unit.environmentFile, 'utf8'))
    env = setVariable(env, 'PORT', String(port))
    env = setVariable(env, 'ADMIN_PASSWORD', password)
    env = setVariable(env, 'METRICS_TOKEN', metricsToken)
    fs.writeFileSync(unit.environmentFile, env)
    const parsed = parseSurveyText(
      fs.readFileSync(path.join(opt, 'surveys/par-2026-commune.yaml'), 'utf8'),
      'par-2026-commune.yaml',
    )
    if (!parsed.ok) throw new Error('demo survey invalid')
    survey = parsed.survey
  })

  it('section 4: the service starts as the unit starts it and answers through the proxy', async () => {
    server = await startService(unit, port)
    const health = await viaProxy('/api/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    expect((await viaProxy('/api/ready')).status).toBe(200)
    const page = await viaProxy('/')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<html')
    // UMask=0077: the database is the service user's alone.
    expect(fs.statSync(path.join(dataDir, 'parsurvey.db')).mode & 0o077).toBe(0)

    const login = await viaProxy('/api/session', {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password }),
    })
    expect(login.status).toBe(200)
    const setCookie = login.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/;\s*Secure/i) // PUBLIC_URL is https
    cookie = setCookie.split(';')[0]!
    // The password from ADMIN_PASSWORD is never echoed; TRUST_PROXY lets the log see the client.
    expect(server.output()).not.toContain(password)
    expect(server.output()).toContain('"ip":"203.0.113.7"')
  })

  it('a sync through the proxy is stored, and /metrics counts it with the token', async () => {
    const responses = [...generateResponses(survey, 40, 'deploy')]
    const sync = await viaProxy('/api/sync', { method: 'POST', body: JSON.stringify({ responses }) })
    expect(sync.status).toBe(200)
    const { results } = (await sync.json()) as { results: { status: string }[] }
    expect(results.map((r) => r.status)).toEqual(responses.map(() => 'stored'))
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    })
    expect(metrics.status).toBe(200)
    expect(await metrics.text()).toMatch(/parsurvey_sync_responses_total\{[^}]*status="stored"[^}]*\} 40/)
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401)
  })

  it('section 6: the backup unit’s commands write a backup and its restore drill passes', async () => {
    expect(backupUnit.execStart).toHaveLength(2)
    const [backup, drill] = [
      await runExec(backupUnit, backupUnit.execStart[0]!),
      await runExec(backupUnit, backupUnit.execStart[1]!),
    ]
    expect(backup.code, backup.out).toBe(0)
    expect(drill.code, drill.out).toBe(0)
    expect(drill.out).toMatch(/restore drill of parsurvey-.*\.zip: passed/)
    const backups = fs.readdirSync(scratch.at('/var/backups/parsurvey'))
    expect(backups).toEqual([expect.stringMatching(/^parsurvey-.*\.zip$/)])

    // A response after the backup: the restore below gives it up, as the README says.
    const late = [...generateResponses(survey, 1, 'after-backup')]
    const sync = await viaProxy('/api/sync', { method: 'POST', body: JSON.stringify({ responses: late }) })
    expect(sync.status).toBe(200)
  })

  it('stops on SIGTERM, and starts again on the database the README’s restore steps put back', async () => {
    expect(await server.stop()).toBe(0)
    const count = () => {
      const db = new Database(path.join(dataDir, 'parsurvey.db'), { readonly: true })
      try {
        return db.prepare('SELECT COUNT(*) FROM responses').pluck().get()
      } finally {
        db.close()
      }
    }
    expect(count()).toBe(41)

    // README "Backup and restore": unpack over $DATA_DIR, delete -wal and -shm, start.
    const [backup] = fs.readdirSync(scratch.at('/var/backups/parsurvey'))
    const archive = fs.readFileSync(path.join(scratch.at('/var/backups/parsurvey'), backup!))
    for (const [name, entry] of await unzipEntries(archive))
      if (name === 'parsurvey.db' || name === 'access-codes.key') fs.writeFileSync(path.join(dataDir, name), entry.data)
    for (const leftover of ['parsurvey.db-wal', 'parsurvey.db-shm'])
      fs.rmSync(path.join(dataDir, leftover), { force: true })
    expect(count()).toBe(40)

    server = await startService(unit, port)
    cookie = ''
    const login = await viaProxy('/api/session', {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password }),
    })
    expect(login.status).toBe(200)
    expect(await server.stop()).toBe(0)
  })
})
