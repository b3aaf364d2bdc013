import type { BatchWithCodes, Response, SyncResult } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOGIN_LIMITS } from '../../server/src/auth/rate-limit.ts'
import { readProgressRows, readScoringRows } from '../../server/src/storage/aggregate-rows.ts'
import { aggregateStore } from '../../server/src/storage/aggregate-store.ts'
import { openStorage, type Storage } from '../../server/src/storage/open-storage.ts'
import {
  connectionsNamed,
  createTestDatabase,
  startTestPostgres,
  type TestPostgres,
} from '../../server/src/testing/postgres.ts'
import { normalRows, responses } from '../../server/src/testing/response-fixtures.ts'
import { logIn } from '../support/api-client.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'

/**
 * Issue 19's test: two real server processes (`npm start`'s built server) with one DATABASE_URL
 * and one ACCESS_CODE_KEY_FILE, as behind a load balancer, driven over HTTP. They start together
 * on an empty database, store each response once whichever server gets it (also when one is
 * killed mid-sync and the client resends through the other), and share codes, sessions and
 * sign-in limits.
 */
const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const query = `surveyId=${survey.id}&version=${survey.version}`
const PASSWORD_IN_URL = 'p4ss-bi-mat'
const METRICS_TOKEN = randomBytes(24).toString('hex')

let postgres: TestPostgres
let url: string
let storage: Storage
let dir: string
let env: Record<string, string>
let A: ServerProcess
let B: ServerProcess
const started: ServerProcess[] = []
let admin: string
let surveyor: string

async function start(extra: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServer({ dataDir: path.join(dir, 'data'), env: { ...env, ...extra } })
  started.push(server)
  return server
}

beforeAll(async () => {
  postgres = await startTestPostgres()
  url = await createTestDatabase(postgres.adminUrl)
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-two-servers-'))
  const keyFile = path.join(dir, 'access-codes.key')
  fs.writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 })
  // A password in the URL (the test server trusts any): the logs must never show it.
  const withPassword = new URL(url)
  withPassword.password = PASSWORD_IN_URL
  env = {
    DATABASE_URL: withPassword.toString(),
    ACCESS_CODE_KEY_FILE: keyFile,
    LOG_LEVEL: 'info',
    METRICS_TOKEN,
  }
  // Both at once on the empty database: one migrates and seeds, the other waits or finds it done.
  ;[A, B] = await Promise.all([start(), start()])
  storage = await openStorage(url)
  const logins = A.logins.size > 0 ? A.logins : B.logins
  admin = await logIn(A.url, 'admin', logins.get('admin')!)
  surveyor = await logIn(B.url, 'surveyor', logins.get('surveyor')!)
  expect((await call(A, '/api/surveys', { json: survey, cookie: admin })).status).toBe(201)
}, 120_000)

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop('SIGKILL')))
  await storage?.close()
  postgres?.stop()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

function call(server: ServerProcess, route: string, init: { json?: unknown; cookie?: string; method?: string } = {}) {
  return fetch(`${server.url}${route}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: {
      // As the app's own page sends it (the same-origin guard wants it on writes without a body).
      origin: server.url,
      'accept-language': 'en',
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
}

async function sync(server: ServerProcess, batch: Response[]): Promise<SyncResult[]> {
  const res = await call(server, '/api/sync', { json: { responses: batch }, cookie: surveyor })
  expect(res.status).toBe(200)
  return ((await res.json()) as { results: SyncResult[] }).results
}

/** POST /api/sync with half of its body sent and the rest never: 'cut' once the server is gone. */
function sendHalf(server: ServerProcess, batch: Response[]): Promise<'cut' | number> {
  const body = Buffer.from(JSON.stringify({ responses: batch }))
  return new Promise((resolve) => {
    const request = http.request(`${server.url}/api/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length, cookie: surveyor },
    })
    request.on('response', (res) => resolve(res.statusCode ?? 0))
    request.on('error', () => resolve('cut'))
    request.write(body.subarray(0, body.length >> 1))
  })
}

const count = async (table: 'responses' | 'users' | 'surveys') =>
  Number(
    (
      await storage.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** The scores through each server (each folds first), and the aggregates checked against a rebuild. */
async function expectAggregatesEqualRebuild(responsesStored: number): Promise<void> {
  const [throughA, throughB] = await Promise.all(
    [A, B].map(async (server) => (await call(server, `/api/scores?${query}`, { cookie: admin })).json()),
  )
  expect(throughB).toEqual(throughA)
  const live = {
    rows: normalRows(await readScoringRows(storage.db, key)),
    progress: await readProgressRows(storage.db, key),
  }
  expect(live.rows.tallies.reduce((n, t) => n + t.responses, 0)).toBe(responsesStored)
  expect(await aggregateStore(storage).rebuild(survey)).toMatchObject({ responses: responsesStored })
  expect({
    rows: normalRows(await readScoringRows(storage.db, key)),
    progress: await readProgressRows(storage.db, key),
  }).toEqual(live)
  expect(await (await call(A, `/api/scores?${query}`, { cookie: admin })).json()).toEqual(throughA)
}

describe('two app servers on one PostgreSQL', () => {
  it('started together: one migrated and seeded, one printed the demo log-ins, both ready with metrics, nothing in DATA_DIR', async () => {
    expect([A.logins.size, B.logins.size].sort()).toEqual([0, 4])
    expect([await count('users'), await count('surveys')]).toEqual([4, 3])
    for (const server of [A, B]) {
      expect(server.output()).toContain(`"database":"${url}"`)
      expect(server.output()).not.toContain(PASSWORD_IN_URL)
      expect((await call(server, '/api/ready')).status).toBe(200)
      const metrics = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      expect(metrics.status).toBe(200)
      expect(await metrics.text()).toMatch(/^parsurvey_database_bytes\{file="database"\} [1-9]/m)
    }
    // Neither the SQLite file nor the data folder's lock: the database is PostgreSQL's.
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false)
  })

  it('stores the same batches sent to both at once once each, with agreeing receipts', async () => {
    const batches = Array.from({ length: 6 }, (_, i) => responses(40, i % 2 ? 'huyen-b' : 'huyen-a'))
    const replies = await Promise.all(batches.map((batch) => Promise.all([sync(A, batch), sync(B, batch)])))
    for (const [fromA, fromB] of replies) {
      for (const [i, a] of fromA.entries()) {
        const b = fromB[i]!
        expect([a.status, b.status].sort()).toEqual(['duplicate', 'stored'])
        expect(b).toMatchObject({ id: a.id, hash: a.hash, receivedAt: a.receivedAt })
      }
    }
    expect(await count('responses')).toBe(240)
    await expectAggregatesEqualRebuild(240)
  })

  it('loses and doubles nothing when one server is killed mid-sync and the client resends through the other', async () => {
    const before = await count('responses')
    const C = await start()
    const batches = Array.from({ length: 24 }, (_, i) => responses(50, i % 2 ? 'huyen-b' : 'huyen-a'))
    const acknowledged = new Map<string, SyncResult>()
    const queue = [...batches.slice(1)]
    // One device's upload is cut in the middle: its request is surely in flight when C dies.
    const halfSent = sendHalf(C, batches[0]!)
    let killed = false
    // Three devices send batch after batch through C until it fails them; once two batches are
    // acknowledged C is killed, whatever is in flight then.
    await Promise.all(
      [1, 2, 3].map(async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          try {
            for (const result of await sync(C, batch)) acknowledged.set(result.id, result)
          } catch {
            // No receipt: the device keeps the batch to send again.
            return
          }
          if (acknowledged.size >= 100 && !killed) {
            killed = true
            await C.stop('SIGKILL')
          }
        }
      }),
    )
    expect(killed).toBe(true)
    expect(await halfSent).toBe('cut')
    expect(acknowledged.size).toBeGreaterThan(0)
    expect(acknowledged.size).toBeLessThan(24 * 50)

    // Every batch again through B: what C acknowledged is a duplicate with C's receipt, the rest stored.
    const resent = (await Promise.all(batches.map((batch) => sync(B, batch)))).flat()
    for (const result of resent) {
      const first = acknowledged.get(result.id)
      if (first) expect(result).toMatchObject({ status: 'duplicate', hash: first.hash, receivedAt: first.receivedAt })
      else expect(['stored', 'duplicate']).toContain(result.status)
    }
    expect(await count('responses')).toBe(before + 24 * 50)
    await expectAggregatesEqualRebuild(before + 24 * 50)
  })

  it('shares access codes, sessions and sign-in limits between the servers', async () => {
    const batch = {
      surveyId: survey.id,
      version: 1,
      unitId: 'huyen-a',
      groupId: 'citizen',
      locationId: 'xa-1',
      count: 2,
    }
    const issued = await call(A, '/api/codes/batches', { json: batch, cookie: admin })
    expect(issued.status).toBe(201)
    const [code] = ((await issued.json()) as BatchWithCodes).codes.map((c) => c.code)
    const answers = {
      id: randomUUID(),
      answers: { q1: 'very-good', q3: 'good', q4: 'dont-know' },
      startedAt: '2025-10-01T08:00:00.000+07:00',
      submittedAt: '2025-10-01T08:10:00.000+07:00',
    }
    expect((await call(A, `/api/respond/${code}`, { json: answers })).status).toBe(201)
    expect((await call(B, `/api/respond/${code}`)).status).toBe(410)
    expect((await call(B, `/api/respond/${code}`, { json: { ...answers, id: randomUUID() } })).status).toBe(410)

    // A session made through A is valid on B, and a log-out through B ends it on A.
    const session = await logIn(A.url, 'admin', (A.logins.size > 0 ? A.logins : B.logins).get('admin')!)
    expect((await call(B, '/api/session', { cookie: session })).status).toBe(200)
    expect((await call(B, '/api/session', { method: 'DELETE', cookie: session })).status).toBe(204)
    expect((await call(A, '/api/session', { cookie: session })).status).toBe(401)

    // Wrong passwords through both count against one limit: then both refuse, even the right one.
    const password = (A.logins.size > 0 ? A.logins : B.logins).get('analyst')!
    for (let i = 0; i < LOGIN_LIMITS.perPair; i++) {
      const wrong = await call(i % 2 ? B : A, '/api/session', { json: { username: 'analyst', password: `sai ${i}` } })
      expect(wrong.status).toBe(401)
    }
    for (const server of [A, B]) {
      const refused = await call(server, '/api/session', { json: { username: 'analyst', password } })
      expect(refused.status).toBe(429)
    }
  })

  it('keeps serving when PostgreSQL ends its connections, and stops on SIGTERM with exit code 0, closing them', async () => {
    // Options of the URL reach the driver: this server's connections carry their own name.
    const named = new URL(env.DATABASE_URL!)
    named.searchParams.set('application_name', 'parsurvey-d')
    const D = await start({ DATABASE_URL: named.toString() })
    const connections = () => connectionsNamed(url, 'parsurvey-d')
    expect((await call(D, '/api/ready')).status).toBe(200)
    expect(await connections()).toBeGreaterThan(0)
    // A restart or failover of PostgreSQL ends every connection, idle ones included: the pool
    // drops them and opens new ones, the process stays up.
    expect(await connectionsNamed(url, 'parsurvey-d', true)).toBeGreaterThan(0)
    const ready = async () => (await call(D, '/api/ready')).status
    // A request that met a connection as it was being ended may fail; the next ones are served.
    for (let i = 0; i < 20 && (await ready()) !== 200; i++) await new Promise((r) => setTimeout(r, 100))
    expect(await ready()).toBe(200)
    expect(await connections()).toBeGreaterThan(0)
    expect(await D.stop('SIGTERM')).toBe(0)
    // The backend ends its session as the client disconnects; give it a bounded moment.
    for (let i = 0; i < 50 && (await connections()) > 0; i++) await new Promise((r) => setTimeout(r, 100))
    expect(await connections()).toBe(0)
  })
})
