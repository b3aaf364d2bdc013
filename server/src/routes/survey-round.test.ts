import { makeSurvey } from '@parsurvey/shared/testing'
import type { SurveySummary } from '@parsurvey/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { openDemoRounds } from '../survey/round.ts'
import { startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
afterEach(() => t?.close())

const CLOSED = { opens: '2020-01-01', closes: '2020-12-31' }
const batch = { surveyId: 'test-2025-district', version: 1, unitId: 'huyen-a', groupId: 'leader', count: 1 }
const putRound = (json: unknown, as = 'admin') =>
  t.request('/api/surveys/test-2025-district/round', { method: 'PUT', json, as })
const listed = async (): Promise<SurveySummary[]> =>
  ((await (await t.request('/api/surveys', { as: 'surveyor' })).json()) as { surveys: SurveySummary[] }).surveys

describe('the survey round set in the app', () => {
  it('replaces the file’s closed round for every version: codes can be issued again, and the change is audited', async () => {
    t = await startTestApp({ surveys: [makeSurvey({ round: CLOSED }), makeSurvey({ version: 2, round: CLOSED })] })
    expect((await t.request('/api/codes/batches', { json: batch, as: 'admin' })).status).toBe(400)
    expect((await listed()).map((s) => s.round)).toEqual([CLOSED, CLOSED])

    const round = { opens: '2026-01-01', closes: '2099-12-31' }
    const res = await putRound(round)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ surveyId: 'test-2025-district', round })
    expect((await listed()).map((s) => s.round)).toEqual([round, round])
    const issued = await t.request('/api/codes/batches', { json: batch, as: 'admin' })
    expect(issued.status).toBe(201)
    expect(((await issued.json()) as { expiresAt: string }).expiresAt).toBe('2099-12-31T16:59:59.999Z')

    const [entry] = t.services.sqlite.audit.list({ limit: 10 }).filter((e) => e.action === 'survey-round-set')
    expect(entry).toMatchObject({ username: 'admin', target: 'test-2025-district', before: CLOSED, after: round })
  })

  it('refuses bad dates naming the field, a closing day before the opening day, an unknown survey and non-admins', async () => {
    t = await startTestApp()
    const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string; field?: string } }).error
    expect(await codeOf(await putRound({ opens: '2026-02-30', closes: '2026-03-01' }))).toMatchObject({
      code: 'round-invalid-date',
      field: 'opens',
    })
    expect(await codeOf(await putRound({ opens: '2026-02-01' }))).toMatchObject({
      code: 'required-field',
      field: 'closes',
    })
    expect(await codeOf(await putRound({ opens: '2026-03-02', closes: '2026-03-01' }))).toMatchObject({
      code: 'round-order',
      field: 'closes',
    })
    const unknown = await t.request('/api/surveys/nope/round', {
      method: 'PUT',
      json: { opens: '2026-01-01', closes: '2026-02-01' },
      as: 'admin',
    })
    expect(unknown.status).toBe(404)
    expect((await putRound({ opens: '2026-01-01', closes: '2026-02-01' }, 'analyst')).status).toBe(403)
    expect(t.services.sqlite.rounds.get('test-2025-district')).toBeUndefined()
  })
})

describe('the first start', () => {
  it('opens a 90-day round from today (Vietnam) for surveys without a round or with one over, and keeps an open one', async () => {
    const surveys = [
      makeSurvey({ round: CLOSED }),
      makeSurvey({ id: 'none' }),
      makeSurvey({ id: 'open', round: { opens: '2026-01-01', closes: '2099-01-01' } }),
    ]
    t = await startTestApp({ surveys })
    // 20:00 UTC on 31 Dec is already 1 Jan in Vietnam.
    const opened = await openDemoRounds(t.services, surveys, new Date('2026-12-31T20:00:00Z'))
    expect(opened).toEqual([
      { opens: '2027-01-01', closes: '2027-04-01' },
      { opens: '2027-01-01', closes: '2027-04-01' },
    ])
    expect(t.services.sqlite.rounds.get('open')).toBeUndefined()
    expect(t.services.sqlite.rounds.get('none')).toEqual({ opens: '2027-01-01', closes: '2027-04-01' })
  })
})
