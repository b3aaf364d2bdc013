import type { BatchWithCodes, InvitationMessageList, SyncResult } from '@parsurvey/shared'
import { makeRegisterSurvey, makeSurvey } from '@parsurvey/shared/testing'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { hashPassword } from '../auth/password.ts'
import { LOOKUP_LIMITS } from '../codes/lookup-limiter.ts'
import { readScoringRows } from '../storage/aggregate-rows.ts'
import { appBackends, type AppBackend } from '../testing/app-backends.ts'

/**
 * Access codes, the respondent register and sittings through HTTP on either backend, with only the
 * services on the storage boundary (on PostgreSQL the others throw), and two app servers on one
 * database (testing/app-backends.ts): a code used through one server is used on the other, and
 * wrong guesses through both count against one limit.
 */
const PASSWORD = 'mật khẩu đủ dài 1'
const district = makeSurvey()
const department = makeRegisterSurvey()

describe.each(appBackends)('access codes and sittings on $name', (backend) => {
  let opened: AppBackend
  let apps: ReturnType<typeof createApp>[]
  let admin: string
  beforeEach(async () => {
    opened = await backend.open()
    apps = [opened.one, opened.two].map((services) => createApp({ services, version: 'test' }))
    const passwordHash = await hashPassword(PASSWORD)
    await opened.one.accounts.create(
      { username: 'admin', role: 'admin', units: 'all', passwordHash, passwordGenerated: false },
      { userId: null, via: 'cli' },
    )
    const res = await call(A, '/api/session', { json: { username: 'admin', password: PASSWORD } })
    admin = res.headers.get('set-cookie')!.split(';')[0]!
    for (const survey of [district, department])
      expect((await call(A, '/api/surveys', { json: survey, cookie: admin })).status).toBe(201)
  })
  afterEach(() => opened.close())

  const [A, B] = [0, 1]
  const call = (
    app: number,
    url: string,
    init: { json?: unknown; body?: string; type?: string; cookie?: string; ip?: string; method?: string } = {},
  ) => {
    const body = init.body ?? (init.json === undefined ? undefined : JSON.stringify(init.json))
    return apps[app]!.request(url, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: {
        origin: 'http://localhost',
        'accept-language': 'en',
        ...(body === undefined ? {} : { 'content-type': init.type ?? 'application/json' }),
        ...(init.cookie ? { cookie: init.cookie } : {}),
      },
      body,
    })
  }
  async function issue(app: number, count: number): Promise<string[]> {
    const json = { surveyId: district.id, version: 1, unitId: 'huyen-a', groupId: 'citizen', locationId: 'xa-1', count }
    const res = await call(app, '/api/codes/batches', { json, cookie: admin })
    expect(res.status).toBe(201)
    return ((await res.json()) as BatchWithCodes).codes.map((c) => c.code)
  }
  const answers = (id = randomUUID()) => ({
    id,
    answers: { q1: 'very-good', q3: 'good', q4: 'dont-know' },
    startedAt: '2025-10-01T08:00:00.000+07:00',
    submittedAt: '2025-10-01T08:10:00.000+07:00',
  })
  const stored = async () =>
    Number(
      (
        await opened.storage.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('issues codes through one server that the other lists, reveals and takes answers for, once', async () => {
    const [code] = await issue(A, 3)
    const list = (await (await call(B, `/api/codes/batches?surveyId=${district.id}`, { cookie: admin })).json()) as {
      batches: { id: number; issued: number; used: number }[]
    }
    expect(list.batches.map((b) => [b.issued, b.used])).toEqual([[3, 0]])
    const revealed = (await (
      await call(B, `/api/codes/batches/${list.batches[0]!.id}`, { cookie: admin })
    ).json()) as BatchWithCodes
    expect(revealed.codes[0]!.code).toBe(code)
    expect((await call(B, `/api/respond/${code}`)).status).toBe(200)
    const body = answers()
    const first = await call(A, `/api/respond/${code}`, { json: body })
    expect(first.status).toBe(201)
    const receipt = (await first.json()) as SyncResult
    // Used through A: refused on B, and an exact resend gets the first receipt.
    expect((await call(B, `/api/respond/${code}`)).status).toBe(410)
    const resend = await call(B, `/api/respond/${code!.toLowerCase()}`, { json: body })
    expect(resend.status).toBe(200)
    expect(await resend.json()).toMatchObject({ id: body.id, status: 'duplicate', receivedAt: receipt.receivedAt })
    expect((await call(A, `/api/respond/${code}`, { json: answers() })).status).toBe(410)
    expect(await stored()).toBe(1)
    // Counted with no read: in its storing transaction on SQLite, by a background fold on PostgreSQL.
    const key = { surveyId: district.id, surveyVersion: district.version }
    const counted = async () =>
      (await readScoringRows(opened.storage.db, key)).tallies.reduce((n, t) => n + t.responses, 0)
    await expect.poll(counted, { timeout: 15_000 }).toBe(1)
  })

  it('lets one of two submissions with one code through two servers at once win', async () => {
    const codes = await issue(A, 6)
    const statuses = await Promise.all(
      codes.map((code) =>
        Promise.all([A, B].map(async (app) => (await call(app, `/api/respond/${code}`, { json: answers() })).status)),
      ),
    )
    for (const pair of statuses) expect(pair.sort()).toEqual([201, 410])
    expect(await stored()).toBe(codes.length)
  })

  it('counts wrong codes guessed through both servers against one limit', async () => {
    for (let i = 0; i < LOOKUP_LIMITS.limit; i++)
      expect((await call(i % 2 ? B : A, `/api/respond/AAAA-BBBB-CCCC-${String(1000 + i)}`)).status).toBe(404)
    for (const app of [A, B]) {
      const refused = await call(app, '/api/respond/AAAA-BBBB-CCCC-DDDD')
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
  })

  it('imports a register through one server and sends a unit of its sitting once through both', async () => {
    const csv = 'name,organisation,group,email,units\nNguyễn Văn Riêng,Sở Y tế,dept-leader,rieng@x.vn,all\n'
    const applied = await call(A, `/api/respondents/${department.id}/apply?fileName=ds.csv`, {
      body: csv,
      type: 'text/csv',
      cookie: admin,
    })
    expect(applied.status).toBe(201)
    const { messages } = (await (
      await call(B, `/api/invitations/${department.id}/messages`, { cookie: admin })
    ).json()) as InvitationMessageList
    const code = messages[0]!.code
    const draft = await call(B, `/api/respond/${code}/units/so-noi-vu/draft`, {
      method: 'PUT',
      json: { answers: { q1: 'good' } },
    })
    expect(draft.status).toBe(200)
    const unit = {
      answers: { q1: 'good', q2: 'fair' },
      startedAt: '2026-10-02T08:00:00.000+07:00',
      submittedAt: '2026-10-02T08:05:00.000+07:00',
    }
    const sent = await Promise.all(
      [A, B].map(
        async (app) =>
          (await call(app, `/api/respond/${code}/units/so-noi-vu`, { json: { id: randomUUID(), ...unit } })).status,
      ),
    )
    expect(sent.sort()).toEqual([201, 410])
    const sitting = (await (await call(A, `/api/respond/${code}`)).json()) as {
      units: { unitId: string; submitted: boolean; draft: unknown }[]
    }
    expect(sitting.units.find((u) => u.unitId === 'so-noi-vu')).toMatchObject({ submitted: true, draft: null })
    expect(await stored()).toBe(1)
  })
})
