import type {
  PaperFormDetail,
  PaperFormPage,
  ReceiptsReply,
  Response,
  SurveyList,
  SyncReply,
  SyncResult,
} from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { hashPassword } from '../auth/password.ts'
import { aggregateStore } from '../storage/aggregate-store.ts'
import { appBackends, type AppBackend } from '../testing/app-backends.ts'
import { makeResponse } from '../testing/harness.ts'

/**
 * Surveys, rounds and sync through HTTP on either backend, with only the services on the storage
 * boundary (on PostgreSQL the others throw), and two app servers on one database
 * (testing/app-backends.ts).
 */
const PASSWORD = 'mật khẩu đủ dài 1'
const survey = makeSurvey()

/** Adds the stored responses to the aggregates as the backend does (SQLite: the server's folding). */
async function fold({ one, storage }: AppBackend): Promise<void> {
  if (storage.engine === 'postgres') await aggregateStore(storage).fold()
  else one.folding.flush()
}

describe.each(appBackends)('surveys, rounds and sync on $name', (backend) => {
  let opened: AppBackend
  let apps: ReturnType<typeof createApp>[]
  const cookies = new Map<string, string>()
  beforeEach(async () => {
    opened = await backend.open()
    apps = [opened.one, opened.two].map((services) => createApp({ services, version: 'test' }))
    cookies.clear()
    const passwordHash = await hashPassword(PASSWORD)
    const accounts: [string, 'admin' | 'surveyor', string[] | 'all'][] = [
      ['admin', 'admin', 'all'],
      ['lan', 'surveyor', ['huyen-a']],
      ['minh', 'surveyor', ['huyen-a']],
    ]
    for (const [username, role, units] of accounts)
      await opened.one.accounts.create(
        { username, role, units, passwordHash, passwordGenerated: false },
        { userId: null, via: 'cli' },
      )
  })
  afterEach(() => opened.close())

  const [A, B] = [0, 1]
  async function call(app: number, url: string, init: { as: string; json?: unknown; method?: string; type?: string }) {
    let cookie = cookies.get(init.as)
    if (!cookie) {
      const res = await apps[A]!.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: init.as, password: PASSWORD }),
      })
      expect(res.status).toBe(200)
      cookie = res.headers.get('set-cookie')!.split(';')[0]!
      cookies.set(init.as, cookie)
    }
    return apps[app]!.request(url, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        origin: 'http://localhost',
        'accept-language': 'en',
        cookie,
        ...(init.json === undefined ? {} : { 'content-type': init.type ?? 'application/json' }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    })
  }
  async function sync(app: number, responses: unknown[], as = 'lan'): Promise<SyncResult[]> {
    const res = await call(app, '/api/sync', { as, json: { responses } })
    expect(res.status).toBe(200)
    return ((await res.json()) as SyncReply).results
  }
  async function publish(app = A): Promise<void> {
    const res = await call(app, '/api/surveys', { as: 'admin', json: survey })
    expect(res.status).toBe(201)
  }
  const count = async (table: 'responses' | 'conflicts') =>
    Number(
      (
        await opened.storage.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  /** Turns double entry on for `survey`, as the admin's switch on the surveys page does. */
  async function doubleEntryOn(): Promise<void> {
    const res = await call(B, `/api/surveys/${survey.id}/double-entry`, {
      as: 'admin',
      method: 'PUT',
      json: { enabled: true },
    })
    expect(await res.json()).toEqual({ surveyId: survey.id, enabled: true })
  }
  /** Responses counted in the aggregates of `survey`, after a fold. */
  async function counted(): Promise<number> {
    await fold(opened)
    const row = await opened.storage.db
      .selectFrom('agg_tallies')
      .select((eb) => eb.fn.sum<number>('responses').as('n'))
      .where('survey_id', '=', survey.id)
      .executeTakeFirstOrThrow()
    return Number(row.n ?? 0)
  }

  it('publishes and lists a survey, sets its round, and answers a version with its ETag', async () => {
    await publish()
    const again = await call(A, '/api/surveys', { as: 'admin', json: survey })
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ id: survey.id, version: 1, created: false })
    const changed = await call(B, '/api/surveys', {
      as: 'admin',
      json: { ...survey, title: { vi: 'Khác', en: 'Other' } },
    })
    expect(changed.status).toBe(409)

    const set = await call(B, `/api/surveys/${survey.id}/round`, {
      as: 'admin',
      method: 'PUT',
      json: { opens: '2025-09-15', closes: '2025-11-15' },
    })
    expect(set.status).toBe(200)
    const bad = await call(A, `/api/surveys/${survey.id}/round`, {
      as: 'admin',
      method: 'PUT',
      json: { opens: '2025-09-15', closes: 'later' },
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { code: 'round-invalid-date', field: 'closes' } })
    const unknown = await call(A, '/api/surveys/nowhere/round', {
      as: 'admin',
      method: 'PUT',
      json: { opens: '2025-09-15', closes: '2025-11-15' },
    })
    expect(unknown.status).toBe(404)

    for (const app of [A, B]) {
      const list = (await (await call(app, '/api/surveys', { as: 'lan' })).json()) as SurveyList
      expect(list.surveys.map((s) => [s.id, s.version, s.round])).toEqual([
        [survey.id, 1, { opens: '2025-09-15', closes: '2025-11-15' }],
      ])
    }
    const version = await call(B, `/api/surveys/${survey.id}/versions/1`, { as: 'lan' })
    expect(version.status).toBe(200)
    expect(await version.json()).toMatchObject({ id: survey.id, version: 1, title: survey.title })
    expect(version.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/)
    expect((await call(A, `/api/surveys/${survey.id}/versions/2`, { as: 'lan' })).status).toBe(404)

    const audit = await opened.storage.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'survey-%')
      .orderBy('seq')
      .execute()
    expect(audit.map((e) => e.action)).toEqual(['survey-publish', 'survey-round-set'])
  })

  it('syncs a batch, answers a resend with the same receipts, refuses bad items by field and tells receipts again', async () => {
    await publish()
    const citizen = { groupId: 'citizen', answers: { q1: 'poor', q3: 'fair', q4: 'good' } }
    const sent = [makeResponse(), makeResponse(citizen)]
    const bad = { ...makeResponse(), unitId: 'huyen-b' }
    const first = await sync(A, [...sent, bad, { ...makeResponse(), surveyVersion: 9 }])
    expect(first.map((r) => [r.id, r.status, r.error?.field])).toEqual([
      [sent[0]!.id, 'stored', undefined],
      [sent[1]!.id, 'stored', undefined],
      [bad.id, 'rejected', 'unitId'],
      [expect.any(String), 'rejected', 'surveyVersion'],
    ])
    const again = await sync(B, sent)
    expect(again).toEqual(first.slice(0, 2).map((r) => ({ ...r, status: 'duplicate' })))
    const changed = await sync(A, [{ ...sent[0]!, answers: { ...sent[0]!.answers, q1: 'fair' } }])
    expect(changed[0]).toMatchObject({ status: 'conflict', error: { code: 'response-conflict', field: 'id' } })
    expect([await count('responses'), await count('conflicts')]).toEqual([2, 1])

    const notArray = await call(A, '/api/sync', { as: 'lan', json: { responses: 'all of them' } })
    expect(notArray.status).toBe(400)
    expect(await notArray.json()).toMatchObject({ error: { code: 'sync-responses-not-array', field: 'responses' } })

    const ids = [...sent.map((r) => r.id.toUpperCase()), randomUUID()].join(',')
    const asked = (await (await call(B, `/api/sync/receipts?ids=${ids}`, { as: 'lan' })).json()) as ReceiptsReply
    expect(asked.receipts).toEqual(
      first.slice(0, 2).map((r) => ({ ...r, id: r.id.toUpperCase(), status: 'duplicate' })),
    )
    const other = (await (await call(A, `/api/sync/receipts?ids=${ids}`, { as: 'minh' })).json()) as ReceiptsReply
    expect(other.receipts).toEqual([])
    const noIds = await call(A, '/api/sync/receipts?ids=', { as: 'lan' })
    expect(noIds.status).toBe(400)
    expect(await noIds.json()).toMatchObject({ error: { code: 'sync-receipt-ids', field: 'ids' } })
    expect(await counted()).toBe(2)
  })

  it('answers a resent keying, and its receipt asked again, with where its paper form stands', async () => {
    await publish()
    const keyed = makeResponse({ channel: 'paper', paperSerial: 'BK-7' })
    const [first] = await sync(A, [keyed])
    expect(first).toMatchObject({ status: 'stored' })
    expect(first).not.toHaveProperty('paperEntry')
    // A form keyed before (on SQLite, or copied by migrate-to-postgres): its first keying.
    const { id: formId } = await opened.storage.db
      .insertInto('paper_forms')
      .values({
        survey_id: survey.id,
        serial_key: 'bk7',
        state: 'awaiting',
        counted_id: null,
        updated_at: first!.receivedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await opened.storage.db
      .insertInto('paper_keyings')
      .values({ response_id: keyed.id, form_id: formId, keying: 1 })
      .execute()
    const paperEntry = { formId, state: 'awaiting', keying: 1 }
    expect(await sync(B, [keyed])).toEqual([{ ...first, status: 'duplicate', paperEntry }])
    const asked = (await (await call(A, `/api/sync/receipts?ids=${keyed.id}`, { as: 'lan' })).json()) as ReceiptsReply
    expect(asked.receipts).toEqual([{ ...first, status: 'duplicate', paperEntry }])
  })

  it('keys paper forms twice under double entry, through either server, and counts a matched form once', async () => {
    await publish()
    await doubleEntryOn()
    const [noSerial] = await sync(A, [makeResponse({ channel: 'paper' })])
    expect(noSerial).toMatchObject({
      status: 'rejected',
      error: { code: 'paper-entry-serial-required', field: 'paperSerial' },
    })
    const answers = { q1: 'good', q2: 'very-good', q3: 'fair' }
    const first = makeResponse({ channel: 'paper', paperSerial: 'BK-8', answers })
    const [held] = await sync(A, [makeResponse(), first]).then((r) => r.slice(1))
    expect(held).toMatchObject({ status: 'stored', paperEntry: { state: 'awaiting', keying: 1 } })
    expect(await counted()).toBe(1)
    // The second keying, through the other server and by another surveyor, agrees: the form counts once.
    const [second] = await sync(B, [makeResponse({ channel: 'paper', paperSerial: 'bk 8', answers })], 'minh')
    expect(second).toMatchObject({
      status: 'stored',
      paperEntry: { formId: held!.paperEntry!.formId, state: 'matched', keying: 2 },
    })
    expect(await counted()).toBe(2)
    const [asked] = (
      (await (await call(B, `/api/sync/receipts?ids=${first.id}`, { as: 'lan' })).json()) as ReceiptsReply
    ).receipts
    expect(asked!.paperEntry).toEqual({ ...held!.paperEntry, state: 'matched' })
  })

  it('settles a paper form in conflict through either server, once, with the answers picked', async () => {
    await publish()
    await doubleEntryOn()
    const keyed = (q1: string) =>
      makeResponse({ channel: 'paper', paperSerial: 'BK-9', answers: { q1, q2: 'very-good', q3: 'fair' } })
    const [first] = await sync(A, [keyed('poor')])
    const [second] = await sync(B, [keyed('good')], 'minh')
    expect(second!.paperEntry).toMatchObject({ state: 'conflict', keying: 2 })
    const formId = second!.paperEntry!.formId
    const listed = (await (
      await call(B, `/api/review/paper-forms?surveyId=${survey.id}&version=1&state=conflict`, { as: 'admin' })
    ).json()) as PaperFormPage
    expect(listed.forms.map((f) => f.id)).toEqual([formId])
    const detail = (await (
      await call(A, `/api/review/paper-forms/${formId}`, { as: 'admin' })
    ).json()) as PaperFormDetail
    expect(detail.differences).toEqual([{ keying: 2, differences: [expect.objectContaining({ questionId: 'q1' })] }])
    expect(await counted()).toBe(0)
    // Two supervisors settle it at once through the two servers: one settles it, the other is told.
    const settle = (app: number) =>
      call(app, `/api/review/paper-forms/${formId}/resolve`, {
        as: 'admin',
        json: { base: 1, picks: { q1: 2 }, reason: 'đối chiếu phiếu giấy' },
      })
    const replies = await Promise.all([settle(A), settle(B)])
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409])
    const settled = (await replies.find((r) => r.status === 200)!.json()) as PaperFormDetail
    expect(settled).toMatchObject({ state: 'resolved', countedResponseId: first!.id })
    expect(await counted()).toBe(1)
    const bad = await call(A, `/api/review/paper-forms/${formId}/resolve`, {
      as: 'admin',
      json: { base: 'x', reason: 'r' },
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('base')
  })

  it('numbers and compares the keyings of a form sent through both servers at once one after the other', async () => {
    await publish()
    await doubleEntryOn()
    const keyed = (serial: string, q1: string) =>
      makeResponse({ channel: 'paper', paperSerial: serial, answers: { q1, q2: 'very-good', q3: 'fair' } })
    // Each form's first keying, then two more at once that agree with each other, not with it.
    await sync(A, [keyed('F-0', 'poor'), keyed('F-1', 'poor')])
    expect((await call(A, '/api/session', { as: 'minh' })).status).toBe(200)
    const replies = await Promise.all([
      sync(A, [keyed('F-0', 'good'), keyed('F-1', 'good')], 'lan'),
      sync(B, [keyed('F-1', 'good'), keyed('F-0', 'good')], 'minh'),
    ])
    const entries = replies.flat().map((r) => r.paperEntry!)
    expect(new Set(entries.map((e) => e.formId)).size).toBe(2)
    for (const form of new Set(entries.map((e) => e.formId))) {
      const keyings = entries.filter((e) => e.formId === form).sort((a, b) => a.keying - b.keying)
      expect(keyings.map((e) => [e.keying, e.state])).toEqual([
        [2, 'conflict'],
        [3, 'resolved'],
      ])
    }
    expect(await counted()).toBe(2)
  })

  it('tells the surveyor when a response arrives after the round set through the other server closed', async () => {
    await publish()
    const round = { opens: '2025-09-15', closes: '2025-11-15' }
    expect((await call(B, `/api/surveys/${survey.id}/round`, { as: 'admin', method: 'PUT', json: round })).status).toBe(
      200,
    )
    const [late] = await sync(A, [makeResponse()])
    expect(late).toMatchObject({ status: 'stored', notice: { code: 'sync-round-closed' } })
    expect(late!.notice!.message).toContain('15/11/2025')
  })

  it('stores every response once when the same batches reach both servers at once, with a receipt for every item', async () => {
    await publish(B)
    const all: Response[] = Array.from({ length: 240 }, (_, i) =>
      i % 2 ? makeResponse({ groupId: 'citizen', answers: { q1: 'good', q3: 'fair', q4: 'poor' } }) : makeResponse(),
    )
    // Four devices' batches, overlapping: each batch shares its last 20 responses with the next.
    const batches = [0, 1, 2, 3].map((d) => all.slice(d * 60, d * 60 + 80))
    // Signed in first: eight log-ins at once would be refused as busy (auth/hash-queue.ts).
    expect((await call(A, '/api/session', { as: 'lan' })).status).toBe(200)
    const sends = batches.flatMap((batch, d) =>
      [A, B].map(async (app) => ({ batch, results: await sync(app, d % 2 ? [...batch].reverse() : batch) })),
    )
    const replies = await Promise.all(sends)
    const stored = new Map<string, number>()
    for (const { batch, results } of replies) {
      expect(results).toHaveLength(batch.length)
      expect(new Set(results.map((r) => r.id))).toEqual(new Set(batch.map((r) => r.id)))
      for (const r of results) {
        expect(['stored', 'duplicate']).toContain(r.status)
        if (r.status === 'stored') stored.set(r.id, (stored.get(r.id) ?? 0) + 1)
      }
    }
    expect(stored.size).toBe(all.length)
    expect([...stored.values()].every((n) => n === 1)).toBe(true)
    expect(await count('responses')).toBe(all.length)
    expect(await counted()).toBe(all.length)
  })
})
