import type { Response, ScoresReply, Survey } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { hashPassword } from '../auth/password.ts'
import { openDatabase } from '../db/connection.ts'
import type { Role } from '../db/users.ts'
import { createServices, type Services } from '../services.ts'
import { readProgressRows, readScoringRows } from '../storage/aggregate-rows.ts'
import { aggregateStore } from '../storage/aggregate-store.ts'
import type { Storage } from '../storage/open-storage.ts'
import { responseStore } from '../storage/response-store.ts'
import type { StorageSchema } from '../storage/schema.ts'
import { surveyStore } from '../storage/survey-store.ts'
import { checkedBatch, normalRows, responses } from '../testing/response-fixtures.ts'
import { storageEngines } from '../testing/storage-engines.ts'

/**
 * Scores, progress, results and their exports through HTTP on either backend (docs/storage.md). Responses are
 * stored with the response store (storage/response-store.ts), as sync does, through the storage
 * of the server named; on SQLite that is a second handle on the running server's connection.
 * Two app servers: on PostgreSQL two apps, each with its own pool, on one database; on SQLite one
 * process is the database's only server, so "both" are the same app.
 */
type Server = { services: Services; storage: Storage }
type Opened = { servers: [Server, Server]; close(): Promise<void> }

/**
 * The surveys area moves onto the storage boundary in a slice of its own; until `services.surveys`
 * exists on PostgreSQL, the routes read published surveys through the survey store here.
 */
function postgresServer(storage: Storage): Server {
  const services = createServices({ engine: 'postgres', storage })
  return { services: Object.create(services, { surveys: { value: surveyStore(storage) } }) as Services, storage }
}

const backends: { name: string; open(): Promise<Opened> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-scores-'))
      const db = openDatabase(path.join(dir, 'parsurvey.db'))
      const services = createServices(db)
      const kysely = new Kysely<StorageSchema>({ dialect: new SqliteDialect({ database: db }) })
      const server = { services, storage: { engine: 'sqlite' as const, db: kysely, close: () => kysely.destroy() } }
      return {
        servers: [server, server],
        async close() {
          services.folding.stop()
          await kysely.destroy()
          fs.rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const opened = await storageEngines.find((e) => e.name === 'PostgreSQL')!.open()
      return { servers: [postgresServer(opened.storage), postgresServer(await opened.other())], close: opened.drop }
    },
  },
]

const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const query = `surveyId=${survey.id}&version=${survey.version}`
const PASSWORD = 'mật khẩu thử dài 12'
const ACCOUNTS: [string, Role, string[] | 'all'][] = [
  ['quan-tri', 'admin', 'all'],
  ['phan-tich', 'analyst', 'all'],
  ['giam-sat', 'supervisor', ['huyen-a']],
  ['lan', 'surveyor', ['huyen-a', 'huyen-b']],
  ['minh', 'surveyor', ['huyen-b']],
]
const [A, B] = [0, 1] as const

/** One backend with the test survey published and the accounts above, and how to talk to its servers. */
async function start(backend: (typeof backends)[number]) {
  const opened = await backend.open()
  const [one] = opened.servers
  await surveyStore(one.storage).publish(survey, null)
  const passwordHash = await hashPassword(PASSWORD)
  for (const [username, role, units] of ACCOUNTS)
    await one.services.accounts.create(
      { username, role, units, passwordHash, passwordGenerated: false },
      { userId: null, via: 'cli' },
    )
  const apps = opened.servers.map(({ services }) => createApp({ services, version: 'test' }))
  const cookies = new Map<string, string>()

  async function call(server: number, url: string, as: string, body?: { type: string; text: string }) {
    const login = async () => {
      const res = await apps[A]!.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: as, password: PASSWORD }),
      })
      expect(res.status).toBe(200)
      return res.headers.get('set-cookie')!.split(';')[0]!
    }
    const cookie = cookies.get(as) ?? (await login())
    cookies.set(as, cookie)
    return apps[server]!.request(url, {
      method: body ? 'POST' : 'GET',
      headers: { cookie, 'accept-language': 'en', ...(body ? { 'content-type': body.type } : {}) },
      body: body?.text,
    })
  }
  async function json<T = unknown>(server: number, url: string, as: string): Promise<T> {
    const res = await call(server, url, as)
    expect(res.status).toBe(200)
    return (await res.json()) as T
  }
  return {
    ...opened,
    call,
    json,
    /** Publishes another survey version (as the surveys area does: one row, its audit entry). */
    publish: (definition: Survey) => surveyStore(one.storage).publish(definition, null),
    /** Stores `sent` (answers to `definition`) as a sync batch from `sender` through `server`'s storage, as sync does. */
    async store(server: number, sender: string, sent: Response[], definition = survey) {
      const { storage, services } = opened.servers[server]!
      const { user } = (await services.users.findForLogin(sender))!
      const [receipts] = await responseStore(storage).storeBatches([checkedBatch(definition, user, sent)])
      expect(receipts!.every((r) => r.status === 'stored')).toBe(true)
    },
    /** Imports a CSV of self-assessment points or adjustments through `server`. */
    async apply(server: number, kind: 'self-assessment' | 'adjustments', csv: string) {
      const res = await call(server, `/api/${kind}/apply?${query}`, 'phan-tich', { type: 'text/csv', text: csv })
      expect(res.status).toBe(201)
    },
  }
}

const unit = (reply: ScoresReply, unitId: string) => reply.units.find((u) => u.unitId === unitId)!

describe('scores, progress, results and their exports through HTTP', () => {
  it('give the same figures on SQLite and PostgreSQL for the same responses', async () => {
    const byLan = [...responses(9, 'huyen-a'), ...responses(2, 'huyen-b')]
    const byMinh = responses(5, 'huyen-b', (i) => `2025-10-0${2 + (i % 2)}T16:30:00Z`)
    // A second version that scores alike (one data set with version 1), and next year's survey.
    const v2 = makeSurvey({ version: 2 })
    v2.questions.find((q) => q.id === 'q1')!.text = { vi: 'Câu một, viết gọn lại' }
    const onV2 = responses(3, 'huyen-a').map((r) => ({ ...r, surveyVersion: 2 }))
    const nextYear = makeSurvey({ id: 'test-2026-district', year: 2026 })
    const figures = []
    for (const backend of backends) {
      const env = await start(backend)
      try {
        await env.publish(v2)
        await env.publish(nextYear)
        await env.store(A, 'lan', byLan)
        await env.store(A, 'minh', byMinh)
        await env.store(A, 'lan', onV2, v2)
        const scores = await env.json<ScoresReply>(A, `/api/scores?${query}`, 'phan-tich')
        const progress = await env.json(A, `/api/progress?${query}`, 'giam-sat')
        const bySurveyor = await env.json(A, `/api/progress/by-surveyor?${query}`, 'quan-tri')
        const byDay = await env.json(A, `/api/progress/by-day?${query}`, 'quan-tri')
        const scorecard = await env.json(A, `/api/results/scorecard?${query}&unitId=huyen-a`, 'phan-tich')
        const explain = await env.json(A, `/api/scores/explain?${query}&unitId=huyen-a`, 'phan-tich')
        const previous = await env.json<{ previous: ScoresReply | null }>(
          A,
          `/api/scores/previous-year?surveyId=${nextYear.id}&version=1`,
          'phan-tich',
        )
        await env.apply(A, 'self-assessment', 'unitId,selfAssessment\nhuyen-a,42\nhuyen-b,37.5\n')
        await env.apply(A, 'adjustments', 'unitId,points,reason\nhuyen-b,-1.5,Vi phạm kỷ luật hành chính\n')
        const imported = await env.json<ScoresReply>(A, `/api/scores?${query}`, 'phan-tich')
        const pack = await env.call(A, `/api/results/pack.xlsx?${query}`, 'phan-tich')
        expect(pack.status).toBe(200)
        const exported = []
        for (const file of ['scores.csv', 'matrix.csv', 'progress.csv', 'progress-by-day.csv']) {
          const res = await env.call(A, `/api/exports/${file}?${query}&header=ids`, 'phan-tich')
          expect(res.status).toBe(200)
          exported.push(await res.text())
        }
        const audit = await env.json<{ entries: { action: string }[] }>(A, '/api/audit', 'quan-tri')
        expect(audit.entries.filter((e) => e.action === 'export-download')).toHaveLength(4)
        figures.push({ scores, progress, bySurveyor, byDay, scorecard, explain, previous, imported, exported })
      } finally {
        await env.close()
      }
    }
    const [sqlite, postgres] = figures
    expect(unit(sqlite!.scores, 'huyen-a').responses).toBe(12)
    expect(unit(sqlite!.scores, 'huyen-b').responses).toBe(7)
    expect(sqlite!.scores.dataSet).toMatchObject({ versions: [1, 2], responses: 19, selfAssessment: null })
    expect(sqlite!.previous.previous?.dataSet).toMatchObject({ year: 2025, versions: [1, 2], responses: 19 })
    expect(sqlite!.bySurveyor).toMatchObject({
      surveyors: [
        { username: 'lan', responses: 14, units: 2 },
        { username: 'minh', responses: 5, units: 1 },
      ],
    })
    // The supervisor of huyen-a sees only its cells.
    const cells = (sqlite!.progress as { cells: { unitId: string; responses: number }[] }).cells
    expect(new Set(cells.map((c) => c.unitId))).toEqual(new Set(['huyen-a']))
    expect(cells.reduce((n, c) => n + c.responses, 0)).toBeGreaterThanOrEqual(12)
    expect(unit(sqlite!.imported, 'huyen-a').selfAssessment).toBe(42)
    expect(sqlite!.imported.dataSet.selfAssessment).toEqual({ surveyVersion: 1, setVersion: 1 })
    expect(postgres).toEqual(sqlite)
  })
})

describe.each(backends)('two app servers on $name', (backend) => {
  let env: Awaited<ReturnType<typeof start>>
  beforeEach(async () => {
    env = await start(backend)
  })
  afterEach(() => env.close())

  const scores = (server: number) => env.json<ScoresReply>(server, `/api/scores?${query}`, 'phan-tich')
  const days = async (server: number) =>
    (await env.json<{ days: { responses: number }[] }>(server, `/api/progress/by-day?${query}`, 'quan-tri')).days

  it("show responses stored through B in A's scores and progress, and A's cached scores recompute", async () => {
    expect(unit(await scores(A), 'huyen-a').responses).toBe(0)
    await env.store(B, 'lan', responses(6, 'huyen-a'))
    expect(unit(await scores(A), 'huyen-a').responses).toBe(6)

    // B folds the next ones (its progress read); A's cached scores were computed before that fold.
    await env.store(B, 'lan', responses(4, 'huyen-a'))
    expect((await days(B)).reduce((n, d) => n + d.responses, 0)).toBe(10)
    expect(unit(await scores(A), 'huyen-a').responses).toBe(10)

    // A self-assessment imported through B is in A's scores.
    await env.apply(B, 'self-assessment', 'unitId,selfAssessment\nhuyen-a,42\n')
    expect(unit(await scores(A), 'huyen-a').selfAssessment).toBe(42)
  })

  it('keeps the aggregates equal to a rebuild while both servers store and read at once', async () => {
    const batches = Array.from({ length: 6 }, (_, i) => responses(5, i % 2 ? 'huyen-b' : 'huyen-a'))
    // Signed in one after the other: parallel log-ins would be refused as busy (auth/hash-queue.ts).
    expect(await days(A)).toEqual([])
    expect(unit(await scores(B), 'huyen-a').responses).toBe(0)
    await Promise.all(
      batches.map(async (batch, i) => {
        const server = i % 2 ? B : A
        await env.store(server, i % 3 ? 'lan' : 'minh', batch)
        await scores(server)
        await days(server === A ? B : A)
      }),
    )
    const reply = await scores(A)
    expect(unit(reply, 'huyen-a').responses + unit(reply, 'huyen-b').responses).toBe(30)
    expect((await days(B)).reduce((n, d) => n + d.responses, 0)).toBe(30)

    const { storage } = env.servers[A]
    const live = {
      rows: normalRows(await readScoringRows(storage.db, key)),
      progress: await readProgressRows(storage.db, key),
    }
    expect(await aggregateStore(storage).rebuild(survey)).toMatchObject({ responses: 30 })
    expect({
      rows: normalRows(await readScoringRows(storage.db, key)),
      progress: await readProgressRows(storage.db, key),
    }).toEqual(live)
    expect(await scores(B)).toEqual(reply)
  })
})
