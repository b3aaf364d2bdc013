import {
  applyRows,
  emptyState,
  responseContributions,
  scoreSurvey,
  type PreviousYearReply,
  type ProgressReply,
  type Response,
  type ScoresReply,
  type Survey,
  type SurveyorProgressReply,
} from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

/**
 * Issue 13 item 7: 2025 v1 (3,000 responses, self-assessment imported) and a small 2025 v2; the
 * 2026 survey compares with 2025. Versions that score alike are one data set for progress,
 * scores and exports; year-over-year takes that set; versions that score differently stay apart
 * and the answer says why.
 */
const v2025 = (version: number, edit: (s: Survey) => void = () => {}) => {
  const survey = makeSurvey({ id: 'par-2025-district', version, year: 2025 })
  edit(survey)
  return survey
}
const retitled = (s: Survey) => (s.questions.find((q) => q.id === 'q1')!.text = { vi: 'Câu một, viết gọn lại' })
const rescored = (s: Survey) => (s.questions.find((q) => q.id === 'q1')!.options[1]!.score = 0.7)
const v2026 = makeSurvey({ id: 'par-2026-district', version: 1, year: 2026 })

const OPTIONS = ['very-good', 'good', 'fair', 'poor', 'dont-know']
/** `n` responses to a 2025 version, answers and units varied so every unit and group has some. */
function responses(version: number, n: number, offset = 0): Response[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset
    const pick = (step: number) => OPTIONS[(i * step) % OPTIONS.length]!
    const citizen = i % 3 === 0
    return makeResponse({
      surveyId: 'par-2025-district',
      surveyVersion: version,
      unitId: i % 2 === 0 ? 'huyen-a' : 'huyen-b',
      groupId: citizen ? 'citizen' : 'leader',
      answers: citizen ? { q1: pick(1), q3: pick(2), q4: pick(3) } : { q1: pick(1), q2: pick(2), q3: pick(3) },
    })
  })
}

let t: TestApp
afterEach(() => t.close())

async function sync(list: Response[]): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    const res = await t.request('/api/sync', { as: 'admin', json: { responses: list.slice(i, i + 500) } })
    expect(res.status).toBe(200)
  }
}
async function get<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await t.request(url, { as: 'analyst', headers })
  expect(res.status).toBe(200)
  return (await res.json()) as T
}
async function importSelfAssessment(version: number): Promise<void> {
  const cookie = await t.login('analyst')
  const res = await t.app.request(`/api/self-assessment/apply?surveyId=par-2025-district&version=${version}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv' },
    body: 'unitId,selfAssessment\nhuyen-a,60\nhuyen-b,55.5\n',
  })
  expect(res.status).toBe(201)
}

/** The 2025: v1 with 3,000 responses and the self-assessment, v2 with 12. */
async function scenario(second: Survey): Promise<{ first: Response[]; later: Response[] }> {
  t = await startTestApp({ surveys: [v2025(1), second, v2026] })
  const first = responses(1, 3000)
  const later = responses(2, 12, 3000)
  await sync(first)
  await importSelfAssessment(1)
  await sync(later)
  return { first, later }
}

/** What scoring every response in one state gives: the combined set must equal it exactly. */
function scoredTogether(survey: Survey, list: Response[]) {
  const state = emptyState()
  for (const r of list) applyRows(state, responseContributions(survey, r), 1)
  return scoreSurvey(survey, state, { selfAssessment: { 'huyen-a': 60, 'huyen-b': 55.5 } }).units
}

describe('versions of one survey in one year', () => {
  it('are one data set for scores, progress and exports when they score alike, with the self-assessment of v1', async () => {
    const { first, later } = await scenario(v2025(2, retitled))
    for (const version of [1, 2]) {
      const scores = await get<ScoresReply>(`/api/scores?surveyId=par-2025-district&version=${version}`)
      expect(scores.surveyVersion).toBe(version)
      expect(scores.dataSet).toEqual({
        surveyId: 'par-2025-district',
        year: 2025,
        versions: [1, 2],
        responses: 3012,
        selfAssessment: { surveyVersion: 1, setVersion: 1 },
        separate: [],
      })
      expect(scores.units).toEqual(scoredTogether(v2025(version), [...first, ...later]))
      expect(scores.units.every((u) => u.total !== null)).toBe(true)
    }

    const progress = await get<ProgressReply>('/api/progress?surveyId=par-2025-district&version=2')
    expect(progress.versions).toEqual([1, 2])
    expect(progress.cells.reduce((sum, c) => sum + c.responses, 0)).toBe(3012)
    const surveyors = await get<SurveyorProgressReply>('/api/progress/by-surveyor?surveyId=par-2025-district&version=2')
    expect(surveyors.surveyors).toEqual([{ userId: 1, username: 'admin', responses: 3012, units: 2 }])

    const res = await t.request('/api/exports/responses-wide.csv?surveyId=par-2025-district&version=2&header=ids', {
      as: 'analyst',
    })
    expect(res.headers.get('content-disposition')).toContain('par-2025-district-v1-2-responses-wide.csv')
    const lines = (await res.text()).trim().split('\r\n')
    expect(lines).toHaveLength(1 + 3012)
    const version = lines[0]!.split(',').indexOf('surveyVersion')
    expect(lines.slice(1).filter((line) => line.split(',')[version] === '2')).toHaveLength(12)
  })

  it('year-over-year on 2026 uses 2025 v1 and v2 together, with the self-assessment, and says so', async () => {
    await scenario(v2025(2, retitled))
    const { previous } = await get<PreviousYearReply>('/api/scores/previous-year?surveyId=par-2026-district&version=1')
    expect(previous?.dataSet).toMatchObject({ year: 2025, versions: [1, 2], responses: 3012, separate: [] })
    expect(previous?.dataSet.selfAssessment).toEqual({ surveyVersion: 1, setVersion: 1 })
    expect(previous?.units.map((u) => u.responses).reduce((a, b) => a + b)).toBe(3012)
    expect(previous?.units.every((u) => u.total !== null && u.rank !== null)).toBe(true)
  })

  it('stay apart when a question is scored differently; the answer says which and why, and year-over-year keeps the official v1', async () => {
    await scenario(v2025(2, rescored))
    const scores = await get<ScoresReply>('/api/scores?surveyId=par-2025-district&version=2', {
      'accept-language': 'vi',
    })
    expect(scores.dataSet).toMatchObject({ versions: [2], responses: 12, selfAssessment: null })
    expect(scores.dataSet.separate).toEqual([
      {
        versions: [1],
        responses: 3000,
        differences: [{ part: 'question', id: 'q1' }],
        reasons: [expect.stringContaining('câu hỏi "q1" được chấm điểm khác')],
      },
    ])
    expect(scores.units.reduce((sum, u) => sum + u.responses, 0)).toBe(12)

    const { previous } = await get<PreviousYearReply>(
      '/api/scores/previous-year?surveyId=par-2026-district&version=1',
      { 'accept-language': 'en' },
    )
    expect(previous?.surveyVersion).toBe(1)
    expect(previous?.dataSet).toMatchObject({
      versions: [1],
      responses: 3000,
      selfAssessment: { surveyVersion: 1, setVersion: 1 },
      separate: [{ versions: [2], responses: 12, reasons: [expect.stringContaining('question "q1" is scored')] }],
    })
  })

  it('take the latest self-assessment import among the versions, and a survey without an earlier year has no baseline', async () => {
    await scenario(v2025(2, retitled))
    await importSelfAssessment(2)
    const scores = await get<ScoresReply>('/api/scores?surveyId=par-2025-district&version=1')
    expect(scores.dataSet.selfAssessment).toEqual({ surveyVersion: 2, setVersion: 1 })
    expect(await get<PreviousYearReply>('/api/scores/previous-year?surveyId=par-2025-district&version=1')).toEqual({
      previous: null,
    })
    const missing = await t.request('/api/scores/previous-year?surveyId=par-2026-district&version=9', {
      as: 'analyst',
    })
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe('version')
  })
})
