import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SITTING_DRAFT_MAX_BYTES, type SittingGrant } from '@parsurvey/shared'
import { makeRegisterSurvey } from '@parsurvey/shared/testing'
import { applyRegister } from '../register/import.ts'
import { personalCode } from '../register/personal-code.ts'
import { startTestApp, type TestApp } from '../testing/harness.ts'

const SURVEY = 'test-2026-department'
let t: TestApp
let code: string
beforeEach(async () => {
  t = await startTestApp({ surveys: [makeRegisterSurvey()] })
  code = await importPerson('all')
})
afterEach(() => t.close())

/** Puts one person on the register with `units` (`all` or ids separated by `;`); their personal code. */
async function importPerson(units: string): Promise<string> {
  const outcome = await applyRegister(
    t.services,
    SURVEY,
    {
      format: 'csv',
      header: ['name', 'organisation', 'group', 'email', 'units'],
      rows: [{ line: 2, cells: ['Trần Thị Nháp', 'Sở Y tế', 'dept-leader', 'nhap@x.vn', units] }],
    },
    { userId: null, source: 'test', locale: 'en' },
  )
  expect('applied' in outcome).toBe(true)
  return personalCode(t.services, (await t.services.respondents.list(SURVEY))[0]!)
}

const origin = { origin: 'http://localhost' }
const putDraft = (unitId: string, body: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/respond/${code}/units/${unitId}/draft`, {
    method: 'PUT',
    ...(typeof body === 'string' ? { body } : { json: body }),
    headers: { ...origin, 'content-type': 'application/json', ...headers },
  })
const submit = (unitId: string) =>
  t.request(`/api/respond/${code}/units/${unitId}`, {
    json: {
      id: randomUUID(),
      answers: { q1: 'good', q2: 'fair' },
      startedAt: '2026-10-02T08:00:00.000+07:00',
      submittedAt: '2026-10-02T08:05:00.000+07:00',
    },
    headers: origin,
  })
const open = async () => (await (await t.request(`/api/respond/${code}`)).json()) as SittingGrant
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; field?: string } }).error

describe('drafts of a sitting (server)', () => {
  it('keeps a unit’s answers so far for the next opening, on any device', async () => {
    const saved = await putDraft('so-noi-vu', { answers: { q1: 'good', q2: null } })
    expect(saved.status).toBe(200)
    expect(await saved.json()).toMatchObject({ unitId: 'so-noi-vu' })
    expect((await putDraft('so-noi-vu', { answers: { q1: 'fair' } })).status).toBe(200)
    const grant = await open()
    expect(grant.units.map((u) => [u.unitId, u.submitted, u.draft?.answers ?? null])).toEqual([
      ['so-noi-vu', false, { q1: 'fair' }],
      ['so-tai-chinh', false, null],
    ])
  })

  it('refuses answers the survey does not take, naming the field, and keeps the last good draft', async () => {
    expect((await putDraft('so-noi-vu', { answers: { q1: 'good' } })).status).toBe(200)
    const cases: [unknown, string, string][] = [
      [{ answers: { q1: 'splendid' } }, 'response-unknown-option', 'answers.q1'],
      [{ answers: { q3: 'good' } }, 'response-question-not-for-group', 'answers.q3'],
      [{ answers: { nope: 'good' } }, 'response-unknown-question', 'answers.nope'],
      [{ answers: { q1: 5 } }, 'response-wrong-type', 'answers.q1'],
      [{ answers: { q1: { deep: true } } }, 'response-invalid-field', 'answers.q1'],
      [{ answers: [] }, 'response-invalid-field', 'answers'],
      [{}, 'response-required-field', 'answers'],
      ['{"answers": {"q1": "good"', 'invalid-json', ''],
    ]
    for (const [body, errorCode, field] of cases) {
      const res = await putDraft('so-noi-vu', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const error = await errorOf(res)
      expect(error.code).toBe(errorCode)
      if (field) expect(error.field).toBe(field)
    }
    const vi = await errorOf(await putDraft('so-noi-vu', { answers: { q1: 5 } }, { 'accept-language': 'vi' }))
    expect(vi.message).toContain('Câu "q1"')
    expect((await open()).units[0]!.draft?.answers).toEqual({ q1: 'good' })
  })

  it('refuses a draft over the size limit with 413 naming the answers', async () => {
    const survey = makeRegisterSurvey({
      questions: [
        ...makeRegisterSurvey().questions,
        {
          id: 'note',
          criterion: '1.1',
          groups: ['dept-leader'],
          text: { vi: 'Ý kiến' },
          type: 'text',
          required: false,
          options: [],
        },
      ],
    })
    t.close()
    t = await startTestApp({ surveys: [survey] })
    code = await importPerson('all')
    expect((await putDraft('so-noi-vu', { answers: { note: 'ý'.repeat(3000) } })).status).toBe(200)
    // Long texts under each key's own limit, too many of them for one draft.
    const count = Math.ceil(SITTING_DRAFT_MAX_BYTES / 6000) + 1
    const answers = Object.fromEntries(Array.from({ length: count }, (_, i) => [`note${i}`, 'ý'.repeat(3000)]))
    const res = await putDraft('so-noi-vu', { answers })
    expect(res.status).toBe(413)
    expect(await errorOf(res)).toMatchObject({ code: 'sitting-draft-too-large', field: 'answers' })
  })

  it('answers 404 for a unit not on the list and for an unknown code', async () => {
    expect(await errorOf(await putDraft('so-y-te', { answers: {} }))).toMatchObject({
      code: 'sitting-unit-not-listed',
      field: 'unitId',
    })
    const res = await t.request(`/api/respond/XXXX-XXXX-XXXX-XXXX/units/so-noi-vu/draft`, {
      method: 'PUT',
      json: { answers: {} },
      headers: origin,
    })
    expect(res.status).toBe(404)
  })

  it('answers 409 once the unit is sent, and the send forgets the draft', async () => {
    expect((await putDraft('so-noi-vu', { answers: { q1: 'good' } })).status).toBe(200)
    expect((await submit('so-noi-vu')).status).toBe(201)
    expect(t.db.prepare('SELECT count(*) AS n FROM sitting_drafts').get()).toEqual({ n: 0 })
    const res = await putDraft('so-noi-vu', { answers: { q1: 'fair' } })
    expect(res.status).toBe(409)
    expect(await errorOf(res)).toMatchObject({ code: 'sitting-unit-sent', field: 'unitId' })
    expect((await open()).units[0]).toEqual({ unitId: 'so-noi-vu', submitted: true, draft: null })
  })

  it('a draft racing the send never brings the sent unit back', async () => {
    for (const unitId of ['so-noi-vu', 'so-tai-chinh']) {
      const replies = await Promise.all([
        putDraft(unitId, { answers: { q1: 'fair' } }),
        submit(unitId),
        putDraft(unitId, { answers: { q1: 'good' } }),
        putDraft(unitId, { answers: { q2: 'good' } }),
      ])
      expect(replies[1]!.status).toBe(201)
      for (const reply of [replies[0]!, replies[2]!, replies[3]!]) expect([200, 409]).toContain(reply.status)
    }
    expect(t.db.prepare('SELECT count(*) AS n FROM sitting_drafts').get()).toEqual({ n: 0 })
    expect((await open()).units.every((u) => u.submitted && u.draft === null)).toBe(true)
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO sitting_drafts (respondent_id, unit_id, answers, updated_at) VALUES (1, 'so-noi-vu', '{}', 'x')",
        )
        .run(),
    ).toThrow(/already sent/)
  })

  it('a unit taken off the person’s list by a re-import takes its draft with it', async () => {
    expect((await putDraft('so-tai-chinh', { answers: { q1: 'good' } })).status).toBe(200)
    await importPerson('so-noi-vu')
    expect((await open()).units).toEqual([{ unitId: 'so-noi-vu', submitted: false, draft: null }])
    expect(t.db.prepare('SELECT count(*) AS n FROM sitting_drafts').get()).toEqual({ n: 0 })
  })

  it('answers 410 after the round, draft and send alike', async () => {
    expect((await putDraft('so-noi-vu', { answers: { q1: 'good' } })).status).toBe(200)
    t.services.sqlite.rounds.set(SURVEY, { opens: '2020-01-01', closes: '2020-12-31' }, null)
    const res = await putDraft('so-noi-vu', { answers: { q1: 'fair' } })
    expect(res.status).toBe(410)
    expect((await errorOf(res)).code).toBe('code-expired')
  })
})
