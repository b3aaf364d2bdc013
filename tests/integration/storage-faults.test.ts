import { createApp, createServices } from '@parsurvey/server'
import type { ApiErrorBody, Response as SurveyResponse } from '@parsurvey/shared'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../server/src/auth/middleware.ts'
import { makeResponse, PASSWORD, startTestApp, type TestApp } from '../../server/src/testing/harness.ts'
import { createFieldDevice } from '../support/field-device.ts'

/**
 * The server's storage fails under it: disk full, database read-only, write lock held too long.
 * Each must answer 503 storage-unavailable (never 500), keep every response stored before, and
 * leave the device's queue intact so the responses go once storage is back.
 *
 * Disk full is simulated with `PRAGMA max_page_count` on the server's own connection: SQLite then
 * fails the write with SQLITE_FULL exactly as on a full disk (same error, same rollback), without
 * needing root to mount a tiny filesystem. Read-only is both `PRAGMA query_only` (the file turned
 * read-only under a running server) and an app built on a connection opened read-only.
 */
let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const inProcess =
  (app: { request: (input: string, init?: RequestInit) => Response | Promise<Response> }) =>
  (input: string, init?: RequestInit) =>
    Promise.resolve(app.request(input, init))

const storedIds = () => t.db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as string[]
const responses = (n: number): SurveyResponse[] =>
  Array.from({ length: n }, (_, i) =>
    makeResponse({ answers: { q1: 'good', q2: 'fair', q3: i % 2 ? 'poor' : 'good' } }),
  )

async function device() {
  const d = createFieldDevice({ baseUrl: '', fetch: inProcess(t.app), username: 'surveyor', password: PASSWORD })
  await d.logIn()
  return d
}

async function expectStorageUnavailable(res: Response) {
  expect(res.status).toBe(503)
  expect(res.headers.get('retry-after')).toBe('60')
  const text = await res.text()
  expect(text).not.toMatch(/SQLITE|sqlite|at .*\.ts:\d+/)
  const { error } = JSON.parse(text) as ApiErrorBody
  expect(error.code).toBe('storage-unavailable')
  return error
}

describe('the disk fills up', () => {
  it('answers 503 storage-unavailable, keeps what was stored, and the device sends its queue once space is back', async () => {
    const d = await device()
    const before = responses(5)
    await d.queue(before)
    expect(await d.syncAll()).toMatchObject({ ok: true, pending: 0 })
    const stored = storedIds()

    t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true })}`)
    const queued = responses(50)
    await d.queue(queued)
    const outcome = await d.run()
    expect(outcome).toMatchObject({ ok: false, pending: 50, error: { code: 'storage-unavailable', status: 503 } })
    expect(storedIds()).toEqual(stored)
    const direct = await t.request('/api/sync', {
      as: 'surveyor',
      json: { responses: queued },
      headers: { 'accept-language': 'en' },
    })
    expect((await expectStorageUnavailable(direct)).message).toMatch(/disk full/)
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok')

    t.db.pragma('max_page_count = 1073741823')
    expect(await d.syncAll()).toMatchObject({ ok: true, pending: 0 })
    expect(storedIds()).toHaveLength(55)
    t.services.folding.flush()
    expect(t.db.prepare('SELECT SUM(responses) FROM agg_tallies').pluck().get()).toBe(55)
    expect((await d.storage.outbox()).every((e) => e.state === 'sent')).toBe(true)
  })
})

describe('the database becomes read-only', () => {
  it('answers 503 in Vietnamese while query_only is on and stores the queue after', async () => {
    const d = await device()
    await t.login('surveyor')
    t.db.pragma('query_only = ON')
    await d.queue(responses(10))
    expect(await d.run()).toMatchObject({ ok: false, pending: 10, error: { code: 'storage-unavailable' } })
    const error = await expectStorageUnavailable(
      await t.request('/api/sync', { as: 'surveyor', json: { responses: responses(1) } }),
    )
    expect(error.message).toMatch(/ổ đĩa đầy/)
    expect(storedIds()).toEqual([])
    t.db.pragma('query_only = OFF')
    expect(await d.syncAll()).toMatchObject({ ok: true, pending: 0 })
    expect(storedIds()).toHaveLength(10)
  })

  it('answers 503 from a server whose database file was opened read-only, and reads still work', async () => {
    const userId = t.services.sqlite.users.findForLogin('surveyor')!.user.id
    const { token } = t.services.sqlite.sessions.create(userId)
    const readOnly = new Database(t.dbFile, { readonly: true, fileMustExist: true })
    try {
      const app = createApp({ services: createServices(readOnly), version: 'test' })
      const d = createFieldDevice({ baseUrl: '', fetch: inProcess(app), username: 'surveyor', password: PASSWORD })
      d.useCookie(`${SESSION_COOKIE}=${token}`)
      await d.queue(responses(3))
      expect(await d.run()).toMatchObject({ ok: false, pending: 3, error: { code: 'storage-unavailable' } })
      expect((await app.request('/api/surveys', { headers: { cookie: `${SESSION_COOKIE}=${token}` } })).status).toBe(
        200,
      )
      const login = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'surveyor', password: PASSWORD }),
      })
      await expectStorageUnavailable(login)
    } finally {
      readOnly.close()
    }
    expect(storedIds()).toEqual([])
  })
})

describe('another writer holds the database past the busy timeout', () => {
  it('answers 503 instead of 500, and the batch goes through once the lock is released', async () => {
    const d = await device()
    const other = new Database(t.dbFile)
    t.db.pragma('busy_timeout = 50')
    try {
      other.exec('BEGIN IMMEDIATE')
      await d.queue(responses(4))
      expect(await d.run()).toMatchObject({ ok: false, pending: 4, error: { code: 'storage-unavailable' } })
      other.exec('COMMIT')
    } finally {
      other.close()
    }
    expect(await d.syncAll()).toMatchObject({ ok: true, pending: 0 })
    expect(storedIds()).toHaveLength(4)
  })
})
