import {
  applyRows,
  emptyState,
  responseContributions,
  scoreSurvey,
  stateFromRows,
  stateToRows,
  type PaperFormDetail,
  type Response,
  type SyncResult,
} from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../auth/password.ts'
import { effectiveResponses } from '../db/effective-responses.ts'
import { errorOf, makeResponse, PASSWORD, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
  // A second surveyor of the same district: the guide asks two people to key each form.
  t.services.sqlite.users.create({
    username: 'surveyor2',
    role: 'surveyor',
    units: ['huyen-a'],
    passwordHash: await hashPassword(PASSWORD),
  })
})
afterEach(() => t.close())

const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }

const paper = (serial: string, answers: Response['answers'] = { q1: 'good', q2: 'very-good', q3: 'fair' }) =>
  makeResponse({ channel: 'paper', paperSerial: serial, answers })

async function sync(responses: Response[], as = 'surveyor'): Promise<SyncResult[]> {
  const res = await t.request('/api/sync', { json: { responses }, as })
  expect(res.status).toBe(200)
  return ((await res.json()) as { results: SyncResult[] }).results
}
const enable = (enabled: unknown, as = 'admin') =>
  t.request(`/api/surveys/${survey.id}/double-entry`, { method: 'PUT', json: { enabled }, as })
/** Responses counted in scores and progress, after folding. */
const counted = () => {
  t.services.folding.flush()
  return t.db.prepare('SELECT COALESCE(SUM(responses), 0) FROM agg_tallies').pluck().get() as number
}
const progress = async () => (await t.services.progressCounts.byDay(key)).reduce((sum, d) => sum + d.responses, 0)
const form = async (id: number, as = 'supervisor') =>
  (await (await t.request(`/api/review/paper-forms/${id}`, { as })).json()) as PaperFormDetail
const resolve = (id: number, body: unknown, as = 'supervisor') =>
  t.request(`/api/review/paper-forms/${id}/resolve`, { json: body, as })

/** The live aggregates score exactly like a rebuild from the effective responses. */
function expectAggregatesEqualRebuild(): void {
  const rebuilt = emptyState()
  for (const { body } of effectiveResponses(t.db, key.surveyId, key.surveyVersion)) {
    applyRows(rebuilt, responseContributions(survey, JSON.parse(body) as Response), 1)
  }
  t.services.folding.flush()
  const live = stateFromRows(t.services.sqlite.aggregates.read(key))
  expect(scoreSurvey(survey, live)).toEqual(scoreSurvey(survey, rebuilt))
  expect(stateToRows(live).tallies).toEqual(stateToRows(rebuilt).tallies)
}

describe('the double-entry setting', () => {
  it('is off by default, set by an admin only, audited, and refuses a value that is not true or false', async () => {
    const read = async () =>
      (await (await t.request(`/api/surveys/${survey.id}/double-entry`, { as: 'surveyor' })).json()) as unknown
    expect(await read()).toEqual({ surveyId: survey.id, enabled: false })
    expect((await enable(true, 'supervisor')).status).toBe(403)
    const bad = await enable('yes')
    expect(bad.status).toBe(400)
    expect(await errorOf(bad)).toMatchObject({ code: 'paper-entry-enabled-invalid', field: 'enabled' })
    expect((await enable(true)).status).toBe(200)
    expect(await read()).toEqual({ surveyId: survey.id, enabled: true })
    const [entry] = t.services.sqlite.audit.list({ limit: 1 })
    expect(entry).toMatchObject({ action: 'survey-double-entry-set', target: survey.id })
    expect(
      (
        await t.request('/api/surveys/no-such-survey/double-entry', {
          method: 'PUT',
          json: { enabled: true },
          as: 'admin',
        })
      ).status,
    ).toBe(404)
  })

  it('refuses a bad body, another role and an unknown survey in the reader’s language, changing nothing', async () => {
    const put = (body: string | undefined, as: string | undefined, language = 'vi', id = survey.id) =>
      t.request(`/api/surveys/${id}/double-entry`, {
        method: 'PUT',
        body,
        as,
        headers: { 'content-type': 'application/json', 'accept-language': language },
      })
    const audited = () =>
      t.services.sqlite.audit.list({ limit: 100 }).filter((e) => e.action === 'survey-double-entry-set')
    // Not true/false, no `enabled`, not an object, not JSON at all: each one 400 naming `enabled`.
    for (const body of [
      '{"enabled":"yes"}',
      '{"enabled":1}',
      '{"enabled":null}',
      '{}',
      '[true]',
      'true',
      '{"enabled":tru',
      '',
    ]) {
      const vi = await put(body, 'admin')
      expect(vi.status, body).toBe(400)
      expect(await errorOf(vi), body).toEqual({
        code: 'paper-entry-enabled-invalid',
        field: 'enabled',
        message: 'Trường "enabled" phải là true hoặc false.',
      })
    }
    const en = await put('{"enabled":"on"}', 'admin', 'en')
    expect((await errorOf(en)).message).toBe('The field "enabled" must be true or false.')
    // Only an admin sets it; nobody else, and nobody without a session.
    for (const role of ['analyst', 'supervisor', 'surveyor']) {
      const refused = await put('{"enabled":true}', role)
      expect(refused.status, role).toBe(403)
      expect(await errorOf(refused)).toMatchObject({
        code: 'forbidden',
        message: 'Tài khoản của Ông/Bà không có quyền thực hiện thao tác này.',
      })
    }
    expect((await put('{"enabled":true}', undefined)).status).toBe(401)
    // A survey that was never published: 404 naming `surveyId`, in either language.
    const unknown = await put('{"enabled":true}', 'admin', 'vi', 'khong-co')
    expect(unknown.status).toBe(404)
    expect(await errorOf(unknown)).toEqual({
      code: 'survey-id-not-found',
      field: 'surveyId',
      message: 'Không có phiếu khảo sát "khong-co".',
    })
    expect((await errorOf(await put('{"enabled":true}', 'admin', 'en', 'khong-co'))).message).toBe(
      'There is no survey "khong-co".',
    )
    // Nothing was set and nothing audited.
    expect(await (await t.request(`/api/surveys/${survey.id}/double-entry`, { as: 'surveyor' })).json()).toEqual({
      surveyId: survey.id,
      enabled: false,
    })
    expect(t.services.paperForms.doubleEntry('khong-co')).toBe(false)
    expect(audited()).toEqual([])
  })

  it('off: a paper form counts at once, as before', async () => {
    const [receipt] = await sync([paper('BK-001')])
    expect(receipt).toMatchObject({ status: 'stored' })
    expect(receipt!.paperEntry).toBeUndefined()
    expect(counted()).toBe(1)
  })
})

describe('double entry of paper forms', () => {
  beforeEach(async () => {
    expect((await enable(true)).status).toBe(200)
  })

  it('holds the first keying, counts the form once when a second agrees, and stays so under resends', async () => {
    const first = paper('bk-0012')
    const [r1] = await sync([first])
    expect(r1).toMatchObject({ status: 'stored', paperEntry: { state: 'awaiting', keying: 1 } })
    expect(counted()).toBe(0)
    expect(await progress()).toBe(0)

    // Keyed again by someone else, serial typed differently, same answers.
    const second = paper('BK 0012')
    const [r2] = await sync([second], 'surveyor2')
    expect(r2).toMatchObject({ status: 'stored', paperEntry: { state: 'matched', keying: 2 } })
    expect(counted()).toBe(1)
    expect(await progress()).toBe(1)
    expectAggregatesEqualRebuild()

    // Both devices resend (a lost reply): duplicates, the form still counts once.
    const [again1] = await sync([first])
    const [again2] = await sync([second], 'surveyor2')
    expect(again1).toMatchObject({ status: 'duplicate', paperEntry: { state: 'matched', keying: 1 } })
    expect(again2).toMatchObject({ status: 'duplicate', paperEntry: { state: 'matched', keying: 2 } })
    expect(counted()).toBe(1)

    const detail = await form(r1!.paperEntry!.formId)
    expect(detail).toMatchObject({ state: 'matched', keyings: 2, sameKeyer: false, countedResponseId: first.id })
    expect(detail.differences).toEqual([{ keying: 2, differences: [] }])
  })

  it('two keyings arriving at the same moment count the form exactly once', async () => {
    for (let round = 0; round < 5; round++) {
      const a = paper(`P-${round}`)
      const b = paper(`p${round}`)
      // Each device also retries at once, as a flaky connection does.
      const results = await Promise.all([sync([a]), sync([b], 'surveyor2'), sync([a]), sync([b], 'surveyor2')])
      const states = results.flat().map((r) => r.paperEntry?.state)
      expect(states.filter((s) => s === 'matched').length).toBeGreaterThanOrEqual(1)
      expect(counted()).toBe(round + 1)
    }
    const forms = t.db.prepare("SELECT COUNT(*) FROM paper_forms WHERE state = 'matched'").pluck().get()
    expect(forms).toBe(5)
    expectAggregatesEqualRebuild()
  })

  it('keeps differing keyings side by side until a supervisor picks per question', async () => {
    const first = paper('77', { q1: 'good', q2: 'very-good', q3: 'fair' })
    const second = paper('77', { q1: 'good', q2: 'poor', q3: 'fair' })
    const [r1] = await sync([first])
    const [r2] = await sync([second], 'surveyor2')
    expect(r2).toMatchObject({ status: 'stored', paperEntry: { state: 'conflict', keying: 2 } })
    expect(counted()).toBe(0)
    const id = r1!.paperEntry!.formId

    const detail = await form(id)
    expect(detail.keyingsDetail.map((k) => k.receivedBy)).toEqual(['surveyor', 'surveyor2'])
    expect(detail.differences).toEqual([{ keying: 2, differences: [{ kind: 'answer', questionId: 'q2' }] }])

    // A held keying cannot be brought back one by one: the form is settled as a whole.
    const restore = await t.request(`/api/review/responses/${first.id}/restore`, {
      as: 'supervisor',
      json: { reason: 'thử' },
    })
    expect(restore.status).toBe(409)
    expect(await errorOf(restore)).toMatchObject({ code: 'paper-entry-held-not-restorable' })

    // Bad settlements name the field and change nothing.
    expect(await errorOf(await resolve(id, { base: 1, picks: { q2: 2 } }))).toMatchObject({ field: 'reason' })
    expect(await errorOf(await resolve(id, { base: 3, reason: 'x' }))).toMatchObject({
      code: 'paper-entry-keying-unknown',
      field: 'base',
    })
    expect(await errorOf(await resolve(id, { base: 1, picks: { q9: 2 }, reason: 'x' }))).toMatchObject({
      field: 'picks.q9',
    })
    expect((await resolve(id, { base: 1, reason: 'x' }, 'surveyor')).status).toBe(403)
    expect(counted()).toBe(0)

    // The paper says "poor" for q2: keep keying 1 and take q2 from keying 2.
    const settled = await resolve(id, { base: 1, picks: { q2: 2 }, reason: 'đối chiếu với phiếu giấy' })
    expect(settled.status).toBe(200)
    expect(((await settled.json()) as PaperFormDetail).state).toBe('resolved')
    expect(counted()).toBe(1)
    const effective = [...effectiveResponses(t.db, key.surveyId, key.surveyVersion)].map(
      ({ body }) => (JSON.parse(body) as Response).answers,
    )
    expect(effective).toEqual([{ q1: 'good', q2: 'poor', q3: 'fair' }])
    expectAggregatesEqualRebuild()
    expect(t.services.sqlite.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'paper-form-resolve',
      target: `paper-form:${id}`,
    })

    const again = await resolve(id, { base: 2, reason: 'lần nữa' })
    expect(again.status).toBe(409)
    expect(await errorOf(again)).toMatchObject({ code: 'paper-entry-form-settled' })
    expect(counted()).toBe(1)
  })

  it('a third keying that agrees with one of two differing keyings settles the form', async () => {
    const a = paper('X1', { q1: 'good', q2: 'very-good', q3: 'fair' })
    const b = paper('X1', { q1: 'good', q2: 'poor', q3: 'fair' })
    const c = paper('x-1', { q1: 'good', q2: 'poor', q3: 'fair' })
    await sync([a])
    await sync([b], 'surveyor2')
    const [r3] = await sync([c], 'supervisor')
    expect(r3).toMatchObject({ paperEntry: { state: 'resolved', keying: 3 } })
    expect(counted()).toBe(1)
    expect((await form(r3!.paperEntry!.formId)).countedResponseId).toBe(b.id)
    // A fourth keying of a settled form is kept, held, and changes nothing.
    const [r4] = await sync([paper('X1')])
    expect(r4).toMatchObject({ status: 'stored', paperEntry: { state: 'resolved', keying: 4 } })
    expect(counted()).toBe(1)
    expectAggregatesEqualRebuild()
  })

  it('refuses a paper form without its serial, with a translated message naming the field', async () => {
    const [receipt] = await sync([makeResponse({ channel: 'paper' })])
    expect(receipt).toMatchObject({
      status: 'rejected',
      error: { code: 'paper-entry-serial-required', field: 'paperSerial' },
    })
    expect(receipt!.error!.message).toContain('số phiếu')
    // Tablet (field) responses are not paper forms and count at once.
    await sync([makeResponse()])
    expect(counted()).toBe(1)
  })

  it('shows a supervisor only the forms of their units and lists forms by state', async () => {
    await sync([paper('A1')])
    await sync([makeResponse({ channel: 'paper', paperSerial: 'B1', unitId: 'huyen-b' })], 'admin')
    const list = async (as: string, query = '') =>
      (
        (await (await t.request(`/api/review/paper-forms?surveyId=${survey.id}${query}`, { as })).json()) as {
          forms: { serialKey: string }[]
        }
      ).forms.map((f) => f.serialKey)
    expect(await list('supervisor')).toEqual(['A1'])
    expect(await list('admin')).toEqual(['A1', 'B1'])
    expect(await list('admin', '&state=matched')).toEqual([])
    expect((await t.request(`/api/review/paper-forms?surveyId=${survey.id}&state=nope`, { as: 'admin' })).status).toBe(
      400,
    )
    const other = t.db.prepare("SELECT id FROM paper_forms WHERE serial_key = 'B1'").pluck().get() as number
    expect((await t.request(`/api/review/paper-forms/${other}`, { as: 'supervisor' })).status).toBe(404)
    expect((await t.request('/api/review/paper-forms/abc', { as: 'admin' })).status).toBe(404)
  })
})
