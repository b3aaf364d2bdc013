import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, describe, expect, it } from 'vitest'
import type { BatchWithCodes, Survey } from '@parsurvey/shared'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
afterEach(() => t.close())

const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/
const base = { surveyId: 'test-2025-district', version: 1, unitId: 'huyen-a', groupId: 'citizen' }
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; field?: string } }).error

/** An answer sheet for the citizens the batches above are for: every required question answered. */
const citizenResponse = () => makeResponse({ answers: { q1: 'good', q3: 'fair', q4: 'good' } })

async function createBatch(body: Record<string, unknown> = {}, as = 'admin'): Promise<BatchWithCodes> {
  const res = await t.request('/api/codes/batches', { json: { ...base, count: 3, ...body }, as })
  expect(res.status).toBe(201)
  return (await res.json()) as BatchWithCodes
}

describe('POST /api/codes/batches', () => {
  it('issues the asked number of unique codes, printed as XXXX-XXXX-XXXX-XXXX, all unused', async () => {
    t = await startTestApp()
    const batch = await createBatch({ count: 200, locationId: 'xa-1', note: 'Xã Một, đợt 1' })
    expect(batch).toMatchObject({
      surveyId: base.surveyId,
      unitId: 'huyen-a',
      groupId: 'citizen',
      surveyVersion: 1,
      locationId: 'xa-1',
      count: 200,
      issued: 200,
      used: 0,
      note: 'Xã Một, đợt 1',
    })
    expect(batch.codes).toHaveLength(200)
    for (const c of batch.codes)
      expect(c).toMatchObject({ code: expect.stringMatching(CODE_FORMAT), status: 'unused', usedAt: null })
    expect(new Set(batch.codes.map((c) => c.code)).size).toBe(200)
  })

  it('keeps no code in clear in the database or the audit log, only hashes and sealed copies', async () => {
    t = await startTestApp()
    const batch = await createBatch()
    const dump = JSON.stringify([
      t.db.prepare('SELECT * FROM access_codes').all(),
      t.db.prepare('SELECT * FROM audit_log').all(),
    ])
    for (const { code } of batch.codes) {
      expect(dump).not.toContain(code)
      expect(dump).not.toContain(code.replace(/-/g, ''))
    }
    const audit = t.db.prepare("SELECT user_id, target FROM audit_log WHERE action = 'code-batch-create'").all()
    expect(audit).toEqual([{ user_id: expect.any(Number), target: `code-batch:${batch.id}` }])
  })

  it('expires codes at the end of the round closing day in Vietnam, or earlier when the batch says so', async () => {
    t = await startTestApp({ surveys: [makeSurvey({ round: { opens: '2025-01-01', closes: '2099-11-30' } })] })
    expect((await createBatch()).expiresAt).toBe('2099-11-30T16:59:59.999Z')
    expect((await createBatch({ expiresAt: '2099-06-15' })).expiresAt).toBe('2099-06-15T16:59:59.999Z')
    expect((await createBatch({ expiresAt: '2099-06-15T12:00:00+07:00' })).expiresAt).toBe('2099-06-15T05:00:00.000Z')
    expect((await createBatch({ expiresAt: '2100-01-01' })).expiresAt).toBe('2099-11-30T16:59:59.999Z')
  })

  it('refuses bad input with an error naming the field', async () => {
    t = await startTestApp()
    const cases: [Record<string, unknown>, string, string][] = [
      [{ unitId: 'huyen-z' }, 'unitId', 'code-unknown-unit'],
      [{ groupId: 'farmer' }, 'groupId', 'code-unknown-group'],
      [{ locationId: 'xa-9' }, 'locationId', 'code-unknown-location'],
      [{ unitId: 'huyen-b', locationId: 'xa-1' }, 'locationId', 'code-unknown-location'],
      [{ count: 0 }, 'count', 'code-count-out-of-range'],
      [{ count: 2001 }, 'count', 'code-count-out-of-range'],
      [{ count: 2.5 }, 'count', 'code-count-out-of-range'],
      [{ surveyId: '' }, 'surveyId', 'required-field'],
      [{ version: 9 }, 'version', 'survey-not-found'],
      [{ expiresAt: 'next week' }, 'expiresAt', 'code-invalid-expiry'],
      [{ expiresAt: '2020-01-01' }, 'expiresAt', 'code-expiry-past'],
      [{ note: 'x'.repeat(501) }, 'note', 'code-note-too-long'],
    ]
    for (const [override, field, code] of cases) {
      const res = await t.request('/api/codes/batches', {
        json: { ...base, count: 1, ...override },
        as: 'admin',
        headers: { 'accept-language': 'en' },
      })
      expect(res.status, `${field} ${code}`).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(await errorOf(res)).toMatchObject({ code, field })
    }
    expect(t.db.prepare('SELECT COUNT(*) FROM code_batches').pluck().get()).toBe(0)
  })

  it('asks for a location when the group is surveyed per commune', async () => {
    const survey = makeSurvey()
    survey.groups[1]!.quotaPer = 'location'
    t = await startTestApp({ surveys: [survey] })
    const res = await t.request('/api/codes/batches', { json: { ...base, count: 1 }, as: 'analyst' })
    expect(await errorOf(res)).toMatchObject({ code: 'code-location-required', field: 'locationId' })
  })

  it('refuses a batch once the survey round has closed', async () => {
    t = await startTestApp({ surveys: [makeSurvey({ round: { opens: '2020-01-01', closes: '2020-12-31' } })] })
    const res = await t.request('/api/codes/batches', { json: { ...base, count: 1 }, as: 'admin' })
    expect(await errorOf(res)).toMatchObject({ code: 'code-round-closed', field: 'surveyId' })
  })
})

describe('reading batches', () => {
  it('lists batches of a survey with issued, used and expired counts', async () => {
    t = await startTestApp()
    const first = await createBatch({ count: 2 })
    const second = await createBatch({ count: 4, groupId: 'leader', unitId: 'huyen-b' })
    const [code] = first.codes
    expect((await t.request(`/api/respond/${code!.code}`, { json: citizenResponse() })).status).toBe(201)
    t.db.prepare("UPDATE code_batches SET expires_at = '2001-01-01T00:00:00.000Z' WHERE id = ?").run(second.id)
    const res = await t.request('/api/codes/batches?surveyId=test-2025-district', { as: 'analyst' })
    const { batches } = (await res.json()) as {
      batches: { id: number; issued: number; used: number; expired: number }[]
    }
    expect(batches.map(({ id, issued, used, expired }) => ({ id, issued, used, expired }))).toEqual([
      { id: second.id, issued: 4, used: 0, expired: 4 },
      { id: first.id, issued: 2, used: 1, expired: 0 },
    ])
  })

  it('shows each code of a batch with its status and when it was used, and audits the read', async () => {
    t = await startTestApp()
    const batch = await createBatch({ count: 2 })
    const response = citizenResponse()
    expect((await t.request(`/api/respond/${batch.codes[1]!.code}`, { json: response })).status).toBe(201)
    const res = await t.request(`/api/codes/batches/${batch.id}`, { as: 'admin' })
    expect(res.headers.get('cache-control')).toBe('no-store')
    const read = (await res.json()) as BatchWithCodes
    expect(read.codes.map((c) => c.code)).toEqual(batch.codes.map((c) => c.code))
    expect(read.codes[0]).toMatchObject({ status: 'unused', usedAt: null })
    expect(read.codes[1]).toMatchObject({ status: 'used', usedAt: expect.any(String), responseId: response.id })
    const audit = t.db.prepare("SELECT after FROM audit_log WHERE action = 'code-batch-reveal'").pluck().all()
    expect(audit).toEqual(['{"format":"json"}'])
  })

  it('answers 404 for a batch that does not exist', async () => {
    t = await startTestApp()
    const res = await t.request('/api/codes/batches/999', { as: 'admin' })
    expect(res.status).toBe(404)
    expect((await errorOf(res)).code).toBe('code-batch-not-found')
  })

  it('downloads a batch as UTF-8 CSV with a byte-order mark, one row per code', async () => {
    t = await startTestApp()
    const batch = await createBatch({ count: 2, locationId: 'xa-1' })
    const res = await t.request(`http://survey.example.vn/api/codes/batches/${batch.id}.csv`, { as: 'admin' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toContain('attachment')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n')
    expect(lines[0]).toBe('code,link,unit,group,location,expires,status')
    expect(lines.slice(1)).toEqual(
      batch.codes.map((c) => `${c.code},http://survey.example.vn/r/${c.code},Huyện A,Người dân,Xã Một,,unused`),
    )
  })

  it('prints slips: one QR code and link per code, eight slips to an A4 sheet, no script', async () => {
    t = await startTestApp()
    const batch = await createBatch({ count: 9 })
    const res = await t.request(`https://survey.example.vn/api/codes/batches/${batch.id}/slips`, { as: 'analyst' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    expect(html.match(/<svg/g)).toHaveLength(9)
    expect(html.match(/<article class="slip">/g)).toHaveLength(9)
    expect(html.match(/<section class="sheet">/g)).toHaveLength(2)
    for (const { code } of batch.codes) expect(html).toContain(`https://survey.example.vn/r/${code}`)
    expect(html).toContain('@media print')
    expect(html).toContain('Phiếu thử nghiệm')
    expect(html).toContain('Huyện A')
    expect(html).toContain('Người dân')
    expect(html).not.toMatch(/<script/i)
  })

  it('names places in English by their Vietnamese names when the survey has no English ones, never by id', async () => {
    const viOnly = JSON.parse(JSON.stringify(makeSurvey()), (key: string, value: unknown) =>
      key === 'en' ? undefined : value,
    ) as Survey
    t = await startTestApp({ surveys: [viOnly] })
    const batch = await createBatch({ count: 1, locationId: 'xa-1' })
    const csv = await (
      await t.request(`/api/codes/batches/${batch.id}.csv`, { as: 'admin', headers: { 'accept-language': 'en' } })
    ).text()
    expect(csv).toContain(',Huyện A,Người dân,Xã Một,,unused')
    // The slip's English line (under the Vietnamese one) falls back the same way.
    const slips = await (await t.request(`/api/codes/batches/${batch.id}/slips`, { as: 'admin' })).text()
    expect(slips).toContain('<p class="en">Huyện A – Xã Một · Người dân</p>')
    expect(slips).not.toMatch(/huyen-a|citizen|xa-1/)
  })

  it('writes the expiry on the CSV and the slips as the app shows times: 30/11/2099 23:59', async () => {
    t = await startTestApp({ surveys: [makeSurvey({ round: { opens: '2025-01-01', closes: '2099-11-30' } })] })
    const batch = await createBatch({ count: 1 })
    const csv = await (await t.request(`/api/codes/batches/${batch.id}.csv`, { as: 'admin' })).text()
    expect(csv).toContain(',30/11/2099 23:59,unused')
    const slips = await (await t.request(`/api/codes/batches/${batch.id}/slips`, { as: 'admin' })).text()
    expect(slips).toContain('Hạn dùng: 30/11/2099 23:59')
    expect(slips).not.toContain('2099-11-30')
  })

  it('names the CSV download safely when ids hold Vietnamese letters', async () => {
    const survey = makeSurvey()
    survey.units[1]!.id = 'huyện-bắc'
    t = await startTestApp({ surveys: [survey] })
    const batch = await createBatch({ unitId: 'huyện-bắc', count: 1 })
    const res = await t.request(`/api/codes/batches/${batch.id}.csv`, { as: 'admin' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`codes-test-2025-district-huyện-bắc-citizen-${batch.id}.csv`)}`,
    )
  })
})

describe('who may manage codes', () => {
  it('refuses supervisors and surveyors (403) and anonymous callers (401) on every batch route', async () => {
    t = await startTestApp()
    const batch = await createBatch()
    const routes = [
      '/api/codes/batches?surveyId=test-2025-district',
      `/api/codes/batches/${batch.id}`,
      `/api/codes/batches/${batch.id}.csv`,
      `/api/codes/batches/${batch.id}/slips`,
    ]
    for (const as of ['supervisor', 'surveyor']) {
      expect((await t.request('/api/codes/batches', { json: { ...base, count: 1 }, as })).status).toBe(403)
      for (const url of routes) expect((await t.request(url, { as })).status, `${as} ${url}`).toBe(403)
    }
    for (const url of routes) expect((await t.request(url)).status).toBe(401)
    expect(t.db.prepare('SELECT COUNT(*) FROM code_batches').pluck().get()).toBe(1)
  })
})
