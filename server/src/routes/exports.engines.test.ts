import { serve } from '@hono/node-server'
import type { Response, SyncResult } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appBackends } from '../testing/app-backends.ts'
import { appsSignedIn, type AppAccount } from '../testing/app-sign-in.ts'
import { responses } from '../testing/response-fixtures.ts'

/**
 * The raw response exports (responses-long, responses-wide) through HTTP on either backend
 * (docs/storage.md): the same stored and reviewed responses give the same files on SQLite and
 * PostgreSQL, read from one snapshot per download, and a download abandoned midway leaves no
 * reader (a transaction on PostgreSQL) open. Responses are sent with `POST /api/sync` and
 * reviewed through the review routes; on PostgreSQL through two app servers.
 */
const survey = makeSurvey()
// A second version that scores alike: one data set with version 1, read in one download.
const v2 = makeSurvey({ version: 2 })
const query = `surveyId=${survey.id}&version=${survey.version}`
const ACCOUNTS: AppAccount[] = [
  ['quan-tri', 'admin', 'all'],
  ['phan-tich', 'analyst', 'all'],
  ['giam-sat', 'supervisor', ['huyen-a']],
  ['lan', 'surveyor', ['huyen-a', 'huyen-b']],
]
const [A, B] = [0, 1] as const

/**
 * `n` responses of huyen-a with a long comment each, which does not compress: a download of them
 * is larger than what the sockets of a local connection buffer, so it is still being read when a
 * test acts in the middle of it. Sent in batches of 200.
 */
async function storeBulky(env: Awaited<ReturnType<typeof start>>, n: number): Promise<void> {
  for (let sent = 0; sent < n; sent += 200) {
    const batch = responses(Math.min(200, n - sent), 'huyen-a').map((r) => ({
      ...r,
      answers: { ...r.answers, comment: randomBytes(2900).toString('base64') },
    }))
    expect(await env.sync(A, batch)).toEqual(batch.map(() => 'stored'))
  }
}

/** Responses whose ids sort in the order they are sent: both engines then store them in that order. */
const ordered = (list: Response[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1))

async function start(backend: (typeof appBackends)[number]) {
  const opened = await backend.open()
  await opened.one.surveys.publish(survey, null)
  await opened.one.surveys.publish(v2, null)
  const { apps, signIn } = await appsSignedIn(opened, ACCOUNTS)
  async function call(server: number, as: string, url: string, json?: unknown): Promise<globalThis.Response> {
    const cookie = await signIn(as)
    return apps[server]!.request(url, {
      method: json === undefined ? 'GET' : 'POST',
      headers: { cookie, 'accept-language': 'en', 'content-type': 'application/json' },
      body: json === undefined ? undefined : JSON.stringify(json),
    })
  }
  return {
    ...opened,
    apps,
    signIn,
    call,
    /** Sends `sent` as one sync batch from lan through `server`; the statuses it got. */
    async sync(server: number, sent: Response[]): Promise<SyncResult['status'][]> {
      const res = await call(server, 'lan', '/api/sync', { responses: sent })
      expect(res.status).toBe(200)
      return ((await res.json()) as { results: SyncResult[] }).results.map((r) => r.status)
    },
    download: (server: number, as: string, file: string) =>
      call(server, as, `/api/exports/${file}?${query}&header=ids`),
    /**
     * How many readers hold an old snapshot of the database: on PostgreSQL the backends with a
     * transaction open (other than this query's); on SQLite, 1 when a checkpoint cannot copy every
     * frame of the write-ahead log into the database because a reader still reads an older state.
     */
    async openReaders(): Promise<number> {
      if (opened.storage.engine === 'postgres') {
        const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`.execute(
          opened.storage.db,
        )
        return rows[0]!.n
      }
      const { rows } = await sql<{ log: number; checkpointed: number }>`PRAGMA wal_checkpoint(PASSIVE)`.execute(
        opened.storage.db,
      )
      return rows[0]!.checkpointed < rows[0]!.log ? 1 : 0
    },
  }
}

/** An ISO time with milliseconds in UTC: when a response was received (the fixtures' own times have none). */
const RECEIVED = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g

async function csvText(res: globalThis.Response): Promise<string> {
  expect(res.status).toBe(200)
  return (await res.text()).replace(RECEIVED, 'received')
}

/** Every cell of the sheet, the receipt times (which differ between the runs) replaced. */
async function xlsxCells(res: globalThis.Response): Promise<unknown[][]> {
  expect(res.status).toBe(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await res.arrayBuffer())
  const sheet = workbook.worksheets[0]!
  const received = (sheet.getRow(1).values as unknown[]).indexOf('receivedAt')
  const rows: unknown[][] = []
  sheet.eachRow((row) => {
    const values = [...(row.values as unknown[])]
    if (values[received] instanceof Date) values[received] = 'received'
    rows.push(values)
  })
  return rows
}

describe('raw response exports through HTTP', () => {
  it('give the same CSV and XLSX on SQLite and PostgreSQL for the same reviewed responses', async () => {
    const inA = ordered(responses(6, 'huyen-a'))
    const inB = ordered(responses(3, 'huyen-b'))
    const onV2 = ordered(responses(2, 'huyen-a')).map((r) => ({ ...r, surveyVersion: 2 }))
    const [voided, corrected, waiting] = [inA[1]!, inA[2]!, inB[0]!]
    const resend = (r: Response): Response => ({ ...r, answers: { ...r.answers, q1: 'poor', comment: 'sửa lại' } })
    const files = []
    for (const backend of appBackends) {
      const env = await start(backend)
      try {
        expect(await env.sync(A, inA)).toEqual(inA.map(() => 'stored'))
        expect(await env.sync(B, inB)).toEqual(inB.map(() => 'stored'))
        expect(await env.sync(A, onV2)).toEqual(onV2.map(() => 'stored'))
        const voiding = await env.call(B, 'giam-sat', `/api/review/responses/${voided.id}/void`, {
          reason: 'ghi nhầm đơn vị',
        })
        expect(voiding.status).toBe(200)
        expect(await env.sync(A, [resend(corrected), resend(waiting)])).toEqual(['conflict', 'conflict'])
        const listed = (await (await env.call(A, 'quan-tri', '/api/review/conflicts')).json()) as {
          conflicts: { seq: number; responseId: string }[]
        }
        const seq = listed.conflicts.find((c) => c.responseId === corrected.id)!.seq
        const settled = await env.call(B, 'quan-tri', `/api/review/conflicts/${seq}/resolve`, {
          action: 'accept-new',
          reason: 'sửa lại',
        })
        expect(settled.status).toBe(200)
        files.push({
          long: await csvText(await env.download(A, 'phan-tich', 'responses-long.csv')),
          wide: await csvText(await env.download(B, 'phan-tich', 'responses-wide.csv')),
          longCells: await xlsxCells(await env.download(B, 'phan-tich', 'responses-long.xlsx')),
          wideCells: await xlsxCells(await env.download(A, 'phan-tich', 'responses-wide.xlsx')),
        })
      } finally {
        await env.close()
      }
    }
    const [sqlite, postgres] = files
    const wide = sqlite!.wide.split('\r\n').slice(1, -1)
    expect(wide.map((line) => line.split(',')[0])).toEqual([...inA, ...inB, ...onV2].map((r) => r.id))
    const row = (id: string) => wide.find((line) => line.startsWith(id))!.split(',')
    expect(row(voided.id).slice(3, 5)).toEqual(['voided', 'ghi nhầm đơn vị'])
    expect(row(corrected.id).slice(3, 5)).toEqual(['valid', ''])
    expect(row(corrected.id).at(-1)).toBe('sửa lại')
    expect(row(waiting.id).slice(3, 5)).toEqual(['conflict', ''])
    expect(row(waiting.id).at(-1)).toBe('')
    expect(sqlite!.long).toContain(`${corrected.id},${survey.id},1,valid,,huyen-a`)
    expect(sqlite!.longCells.length).toBe(2 + sqlite!.long.split('\r\n').length - 2)
    expect(postgres).toEqual(sqlite)
  })
})

describe.each(appBackends)('raw response exports on $name', (backend) => {
  let env: Awaited<ReturnType<typeof start>>
  beforeEach(async () => {
    env = await start(backend)
  })
  afterEach(() => env.close())

  it("give a supervisor only their units' rows", async () => {
    await env.sync(A, [...responses(4, 'huyen-a'), ...responses(3, 'huyen-b')])
    const lines = (await csvText(await env.download(B, 'giam-sat', 'responses-wide.csv'))).split('\r\n').slice(1, -1)
    expect(lines).toHaveLength(4)
    expect(lines.every((line) => line.split(',')[5] === 'huyen-a')).toBe(true)
    const long = (await csvText(await env.download(A, 'giam-sat', 'responses-long.csv'))).split('\r\n').slice(1, -1)
    expect(new Set(long.map((line) => line.split(',')[5]))).toEqual(new Set(['huyen-a']))
  })

  it('read one snapshot while a sync through the other server is stored during the download', async () => {
    // Many chunks of version 1; version 2 is read after them, in the same download.
    await storeBulky(env, 400)
    await env.sync(
      A,
      responses(2, 'huyen-b').map((r) => ({ ...r, surveyVersion: 2 })),
    )
    const res = await env.download(A, 'phan-tich', 'responses-wide.csv')
    const reader = res.body!.getReader()
    const first = await reader.read()
    expect(first.done).toBe(false)
    const late = responses(1, 'huyen-b').map((r) => ({ ...r, surveyVersion: 2 }))
    expect(await env.sync(B, late)).toEqual(['stored'])
    const chunks = [first.value!]
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value)
    expect(chunks.length).toBeGreaterThan(1)
    const text = Buffer.concat(chunks).toString('utf8')
    expect(text).not.toContain(late[0]!.id)
    expect(text.split('\r\n').length - 2).toBe(402)
    // The next download sees it.
    expect(await csvText(await env.download(B, 'phan-tich', 'responses-wide.csv'))).toContain(late[0]!.id)
  })

  it('leave no reader open when the client abandons a download', async () => {
    await storeBulky(env, 1600)
    const cookie = await env.signIn('phan-tich')
    const server = serve({ fetch: env.apps[B]!.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    try {
      const { port } = server.address() as AddressInfo
      for (const file of ['responses-long.csv', 'responses-wide.xlsx']) {
        const abort = new AbortController()
        const res = await fetch(`http://127.0.0.1:${port}/api/exports/${file}?${query}`, {
          headers: { cookie },
          signal: abort.signal,
        })
        expect(res.status).toBe(200)
        const reader = res.body!.getReader()
        expect((await reader.read()).done).toBe(false)
        // A write after the download began, which an open SQLite reader keeps in the log.
        expect(await env.sync(A, responses(1, 'huyen-b'))).toEqual(['stored'])
        expect(await env.openReaders()).toBe(1)
        abort.abort()
        await expect.poll(() => env.openReaders()).toBe(0)
      }
      // A download read to its end releases its reader too.
      expect(await csvText(await env.download(A, 'phan-tich', 'responses-long.csv'))).toContain('huyen-b')
      expect(await env.openReaders()).toBe(0)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
