import { makeSurvey } from '@parsurvey/shared/testing'
import type { BatchWithCodes, SyncResult } from '@parsurvey/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { LOOKUP_LIMITS } from '../codes/lookup-limiter.ts'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
afterEach(() => t.close())

type ErrorBody = { error: { code: string; message: string; field?: string } }
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error

/** Issues `count` codes for citizens of huyen-a, commune xa-1, as the admin. */
async function issueCodes(count = 2, extra: Record<string, unknown> = {}): Promise<string[]> {
  const json = {
    surveyId: 'test-2025-district',
    version: 1,
    unitId: 'huyen-a',
    groupId: 'citizen',
    locationId: 'xa-1',
    count,
    ...extra,
  }
  const res = await t.request('/api/codes/batches', { json, as: 'admin' })
  expect(res.status).toBe(201)
  return ((await res.json()) as BatchWithCodes).codes.map((c) => c.code)
}

/** What the online form sends: only the respondent's part of a response. */
const answersOf = (overrides: Record<string, unknown> = {}) => {
  const { id, answers, startedAt, submittedAt } = makeResponse({
    answers: { q1: 'very-good', q3: 'good', q4: 'dont-know' },
  })
  return { id, answers, startedAt, submittedAt, ...overrides }
}
const submit = (code: string, body: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/respond/${code}`, { json: body, headers })

describe('GET /api/respond/:code', () => {
  it('opens the questionnaire for a valid code without any log-in, whatever the case and dashes', async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    for (const typed of [code!, code!.toLowerCase(), code!.replace(/-/g, ' ')]) {
      const res = await t.request(`/api/respond/${encodeURIComponent(typed)}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-store')
      const grant = (await res.json()) as { survey: { id: string; questions: unknown[] }; unitId: string }
      expect(grant).toMatchObject({ unitId: 'huyen-a', groupId: 'citizen', locationId: 'xa-1', expiresAt: null })
      expect(grant.survey.id).toBe('test-2025-district')
      expect(grant.survey.questions).toHaveLength(6)
    }
  })

  it('answers 404 code-not-found with a message telling the respondent whom to contact', async () => {
    t = await startTestApp()
    await issueCodes(1)
    const res = await t.request('/api/respond/AAAA-BBBB-CCCC-DDDD')
    expect(res.status).toBe(404)
    const error = await errorOf(res)
    expect(error).toMatchObject({ code: 'code-not-found', field: 'code' })
    expect(error.message).toContain('liên hệ cơ quan đã phát mã')
    const en = await errorOf(await t.request('/api/respond/not-a-code', { headers: { 'accept-language': 'en' } }))
    expect(en.message).toContain('contact the office that gave you the code')
  })

  it('answers 410 code-expired after the batch expiry, saying when', async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    t.db.prepare("UPDATE code_batches SET expires_at = '2025-11-30T16:59:59.999Z'").run()
    const res = await t.request(`/api/respond/${code}`)
    expect(res.status).toBe(410)
    const error = await errorOf(res)
    expect(error.code).toBe('code-expired')
    expect(error.message).toContain('30/11/2025 23:59')
    expect((await submit(code!, answersOf())).status).toBe(410)
    expect(t.db.prepare('SELECT COUNT(*) FROM responses').pluck().get()).toBe(0)
  })
})

describe('POST /api/respond/:code', () => {
  it('stores the response as an online response of the code’s unit, group and location, with its aggregates', async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    const body = answersOf()
    const res = await submit(code!, body)
    expect(res.status).toBe(201)
    const receipt = (await res.json()) as SyncResult
    expect(receipt).toMatchObject({ id: body.id, status: 'stored', hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const row = t.db
      .prepare('SELECT unit_id, group_id, location_id, channel, received_by, body FROM responses')
      .get() as Record<string, string | null>
    expect(row).toMatchObject({
      unit_id: 'huyen-a',
      group_id: 'citizen',
      location_id: 'xa-1',
      channel: 'online',
      received_by: null,
    })
    expect(JSON.parse(row.body!)).toMatchObject({
      deviceId: 'online',
      surveyId: 'test-2025-district',
      surveyVersion: 1,
    })
    expect(t.db.prepare('SELECT location_id, responses FROM agg_tallies').all()).toEqual([
      { location_id: 'xa-1', responses: 1 },
    ])
    const q1 = t.db.prepare("SELECT count, sum FROM agg_cells WHERE question_id = 'q1' AND group_id = 'citizen'").get()
    expect(q1).toEqual({ count: 1, sum: 1 })
    const used = t.db.prepare('SELECT used_at, response_id FROM access_codes').get()
    expect(used).toEqual({ used_at: receipt.receivedAt, response_id: body.id })
  })

  it('refuses a second questionnaire on a used code with 410 code-used, saying when it was used', async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    expect((await submit(code!, answersOf())).status).toBe(201)
    const again = await submit(code!, answersOf(), { 'accept-language': 'en' })
    expect(again.status).toBe(410)
    const error = await errorOf(again)
    expect(error.code).toBe('code-used')
    expect(error.message).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
    expect((await errorOf(await t.request(`/api/respond/${code}`))).code).toBe('code-used')
    expect(t.db.prepare('SELECT COUNT(*) FROM responses').pluck().get()).toBe(1)
  })

  it('answers an exact resend of the same response with the first receipt, storing nothing new', async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    const body = answersOf()
    const first = (await (await submit(code!, body)).json()) as SyncResult
    const resend = await submit(code!.toLowerCase(), body)
    expect(resend.status).toBe(200)
    expect(await resend.json()).toEqual({ ...first, status: 'duplicate' })
    // Same id, other answers: not a retry, so the code stays used.
    expect((await submit(code!, { ...body, answers: { q1: 'poor' } })).status).toBe(410)
    expect(t.db.prepare('SELECT SUM(responses) FROM agg_tallies').pluck().get()).toBe(1)
    expect(t.db.prepare('SELECT COUNT(*) FROM conflicts').pluck().get()).toBe(0)
  })

  it('refuses invalid answers naming the field, and the code stays unused', async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    const cases: [Record<string, unknown>, string][] = [
      [{ answers: { q1: 'excellent' } }, 'answers.q1'],
      [{ answers: { q2: 'good' } }, 'answers.q2'],
      [{ id: 'not-a-uuid' }, 'id'],
      [{ startedAt: undefined }, 'startedAt'],
      [{ deviceId: 42 }, 'deviceId'],
    ]
    for (const [override, field] of cases) {
      const res = await submit(code!, answersOf(override))
      expect(res.status, field).toBe(400)
      expect((await errorOf(res)).field).toBe(field)
    }
    expect(t.db.prepare('SELECT used_at FROM access_codes').pluck().get()).toBeNull()
    expect((await submit(code!, answersOf())).status).toBe(201)
  })

  it('refuses a response id already held by another response, changing nothing', async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    const synced = makeResponse()
    expect((await t.request('/api/sync', { json: { responses: [synced] }, as: 'surveyor' })).status).toBe(200)
    const res = await submit(code!, answersOf({ id: synced.id }))
    expect(res.status).toBe(409)
    expect(await errorOf(res)).toMatchObject({ code: 'code-response-id-taken', field: 'id' })
    expect(t.db.prepare('SELECT used_at FROM access_codes').pluck().get()).toBeNull()
    expect(t.db.prepare('SELECT COUNT(*) FROM conflicts').pluck().get()).toBe(0)
  })

  it('ignores what the respondent may not choose: survey, unit, group, location, channel', async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    const body = {
      ...answersOf(),
      unitId: 'huyen-b',
      groupId: 'leader',
      locationId: null,
      channel: 'field',
      surveyVersion: 2,
    }
    expect((await submit(code!, body)).status).toBe(201)
    expect(t.db.prepare('SELECT unit_id, group_id, location_id, channel FROM responses').get()).toEqual({
      unit_id: 'huyen-a',
      group_id: 'citizen',
      location_id: 'xa-1',
      channel: 'online',
    })
  })
})

describe('guessing', () => {
  it(`refuses every lookup from an IP with 429 after ${LOOKUP_LIMITS.limit} wrong codes, with Retry-After`, async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    for (let i = 0; i < LOOKUP_LIMITS.limit; i++) expect((await t.request(`/api/respond/WRONG-${i}`)).status).toBe(404)
    const blocked = await t.request(`/api/respond/${code}`, { headers: { 'accept-language': 'en' } })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await errorOf(blocked)).toMatchObject({ code: 'code-rate-limited' })
    expect((await submit(code!, answersOf())).status).toBe(429)
  })

  it('counts parallel POSTs of wrong codes before reading their bodies: beyond the limit they get 429, not 404', async () => {
    t = await startTestApp()
    const statuses = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => (await submit(`WRONG-${i}`, answersOf())).status),
    )
    expect(statuses.filter((s) => s === 404)).toHaveLength(LOOKUP_LIMITS.limit)
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - LOOKUP_LIMITS.limit)
  })

  it('does not count used or expired codes as guesses', async () => {
    t = await startTestApp()
    const [code] = await issueCodes(1)
    expect((await submit(code!, answersOf())).status).toBe(201)
    for (let i = 0; i < LOOKUP_LIMITS.limit + 1; i++) expect((await t.request(`/api/respond/${code}`)).status).toBe(410)
  })
})

describe('expiry with the survey round', () => {
  it('gives the round’s last day in Vietnam as the code’s expiry', async () => {
    t = await startTestApp({ surveys: [makeSurvey({ round: { opens: '2025-01-01', closes: '2099-11-30' } })] })
    const [code] = await issueCodes(1)
    const grant = (await (await t.request(`/api/respond/${code}`)).json()) as { expiresAt: string }
    expect(grant.expiresAt).toBe('2099-11-30T16:59:59.999Z')
  })
})
