import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import net from 'node:net'
import pg from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createApp } from '../app.ts'
import { hashPassword } from '../auth/password.ts'
import { openDatabase } from '../db/connection.ts'
import { createServices, type Services } from '../services.ts'
import { openStorage, type Storage } from '../storage/open-storage.ts'
import type { StorageSchema } from '../storage/schema.ts'
import { createTestDatabase } from '../testing/postgres.ts'

/**
 * What an operator watches, through HTTP on either backend (docs/deploy.md, "Operations"):
 * `/api/ready` says whether the database takes writes, `/metrics` reports its size and the
 * responses waiting for the fold; the admin's backup download is SQLite's (PostgreSQL: pg_dump).
 */
const TOKEN = 'metrics-token-of-the-province'
type Opened = { services: Services; url?: string; close(): Promise<void> }

const backends: { name: 'SQLite' | 'PostgreSQL'; open(): Promise<Opened> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-operations-'))
      const db = openDatabase(path.join(dir, 'parsurvey.db'))
      const services = createServices(db)
      return {
        services,
        async close() {
          services.folding.stop()
          db.close()
          fs.rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const url = await createTestDatabase(inject('pgAdminUrl'))
      const storage = await openStorage(url)
      return { services: createServices({ engine: 'postgres', storage }), url, close: () => storage.close() }
    },
  },
]

/** A loopback port nothing listens on (taken, then let go). */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The name of the test database, for ALTER DATABASE. */
const nameOf = (opened: Opened) => new URL(opened.url!).pathname.slice(1)

describe.each(backends)('operations on $name', (backend) => {
  let opened: Opened
  afterEach(() => opened?.close())

  const app = (services: Services) => createApp({ services, version: 'test', metricsToken: TOKEN })
  const get = (services: Services, url: string, headers: Record<string, string> = {}) =>
    app(services).request(url, { headers: { 'accept-language': 'en', ...headers } })

  it('is ready, and /metrics reports the database size and no response waiting for the fold', async () => {
    opened = await backend.open()
    const ready = await get(opened.services, '/api/ready')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready' })
    const metrics = await (await get(opened.services, '/metrics', { authorization: `Bearer ${TOKEN}` })).text()
    const size = /^parsurvey_database_bytes\{file="(main|database)"\} (\d+)$/m.exec(metrics)
    expect(size?.[1]).toBe(backend.name === 'SQLite' ? 'main' : 'database')
    expect(Number(size?.[2])).toBeGreaterThan(0)
    expect(metrics).toMatch(/^parsurvey_fold_waiting_responses 0$/m)
    // parsurvey makes SQLite's backups (none yet: +Inf); PostgreSQL's are pg_dump's, so no age is told.
    if (backend.name === 'SQLite') expect(metrics).toMatch(/^parsurvey_backup_age_seconds \+Inf$/m)
    else expect(metrics).not.toMatch(/^parsurvey_backup_age_seconds /m)
  })

  it('gives an admin the backup download on SQLite, and on PostgreSQL says to use pg_dump', async () => {
    opened = await backend.open()
    const passwordHash = await hashPassword('mật khẩu quản trị 1')
    await opened.services.accounts.create(
      { username: 'admin', role: 'admin', units: 'all', passwordHash, passwordGenerated: false },
      { userId: null, via: 'cli' },
    )
    const served = app(opened.services)
    const login = await served.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ username: 'admin', password: 'mật khẩu quản trị 1' }),
    })
    expect(login.status).toBe(200)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const backup = await served.request('/api/backup', { headers: { cookie, 'accept-language': 'en' } })
    if (backend.name === 'SQLite') {
      expect(backup.status).toBe(200)
      expect(backup.headers.get('content-type')).toBe('application/zip')
      await backup.arrayBuffer()
    } else {
      expect(backup.status).toBe(409)
      const body = (await backup.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('backup-on-postgres')
      expect(body.error.message).toContain('pg_dump')
    }
  })
})

describe('readiness on PostgreSQL', () => {
  let opened: Opened
  const extra: Storage[] = []
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((s) => s.close()))
    await opened?.close()
  })

  const ready = async (services: Services) => {
    const res = await createApp({ services, version: 'test' }).request('/api/ready', {
      headers: { 'accept-language': 'en' },
    })
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } }
  }

  it('says the database takes no writes when PostgreSQL is set read-only, and is ready again after', async () => {
    opened = await backends[1]!.open()
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') })
    await admin.connect()
    try {
      await admin.query(`ALTER DATABASE ${nameOf(opened)} SET default_transaction_read_only = on`)
      // A new pool (a new app server, or the next connections of this one) gets the setting.
      const readOnly = await openStorage(opened.url!)
      extra.push(readOnly)
      const { status, body } = await ready(createServices({ engine: 'postgres', storage: readOnly }))
      expect(status).toBe(503)
      expect(body.error?.code).toBe('not-ready-read-only')
      expect(body.error?.message).toContain('takes no writes')
      await admin.query(`ALTER DATABASE ${nameOf(opened)} RESET default_transaction_read_only`)
      const writable = await openStorage(opened.url!)
      extra.push(writable)
      expect((await ready(createServices({ engine: 'postgres', storage: writable }))).status).toBe(200)
    } finally {
      await admin.end()
    }
  })

  it('says the database does not answer when PostgreSQL is gone, and /api/health still answers', async () => {
    opened = await backends[1]!.open()
    // A pool towards a port where no PostgreSQL listens, as after the database server went away.
    const url = new URL(opened.url!)
    url.port = String(await closedPort())
    const pool = new pg.Pool({ connectionString: url.toString() })
    const gone: Storage = {
      engine: 'postgres',
      db: new Kysely<StorageSchema>({ dialect: new PostgresDialect({ pool }) }),
      close: async () => undefined,
    }
    extra.push(gone)
    const services = createServices({ engine: 'postgres', storage: gone })
    const { status, body } = await ready(services)
    expect(status).toBe(503)
    expect(body.error?.code).toBe('not-ready-database')
    expect((await createApp({ services, version: 'test' }).request('/api/health')).status).toBe(200)
  })
})
