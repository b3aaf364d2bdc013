import type { SyncReply } from '@parsurvey/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../../server/src/testing/harness.ts'

/**
 * A surveyor or a supervisor assigned to huyen-a must never read or change anything of huyen-b,
 * whichever route they try. Rankings are public: a unit seeing (or editing) a rival's raw
 * answers is exactly what officials will look for.
 */
const S = 'surveyId=test-2025-district&version=1'
const ORIGIN = { origin: 'http://localhost' }
let t: TestApp
const own = makeResponse({ unitId: 'huyen-a' })
const other = makeResponse({ unitId: 'huyen-b', answers: { q1: 'poor', q2: 'poor', q3: 'poor' } })

beforeAll(async () => {
  t = await startTestApp()
  await t.request('/api/sync', { as: 'admin', json: { responses: [own, other] } })
  // A conflict in each unit: same id, other content.
  await t.request('/api/sync', {
    as: 'admin',
    json: {
      responses: [
        { ...own, answers: { ...own.answers, q1: 'fair' } },
        { ...other, answers: { ...other.answers, q1: 'fair' } },
      ],
    },
  })
})
afterAll(() => t.close())

const text = async (url: string, as: string) => {
  const res = await t.request(url, { as })
  return { status: res.status, body: await res.text() }
}
const count = (sql: string, ...params: unknown[]) =>
  t.db
    .prepare(sql)
    .pluck()
    .get(...params)

describe.each(['surveyor', 'supervisor'])('a %s of huyen-a', (as) => {
  it('cannot send a response for huyen-b: the item is rejected naming the unit, nothing stored', async () => {
    const before = count('SELECT COUNT(*) FROM responses')
    const res = await t.request('/api/sync', { as, json: { responses: [makeResponse({ unitId: 'huyen-b' })] } })
    const [result] = ((await res.json()) as SyncReply).results
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'response-unit-not-assigned', field: 'unitId' } })
    expect(count('SELECT COUNT(*) FROM responses')).toBe(before)
  })

  it('never sees a huyen-b response in review, even when asking for it', async () => {
    for (const query of ['', '&unitId=huyen-b', '&limit=200']) {
      const { status, body } = await text(`/api/review/responses?${S}${query}`, as)
      expect([200, 403]).toContain(status)
      expect(body).not.toContain(other.id)
    }
  })

  it('cannot void, restore or resolve anything of huyen-b', async () => {
    const seq = count('SELECT seq FROM conflicts WHERE response_id = ?', other.id) as number
    const calls = [
      [`/api/review/responses/${other.id}/void`, { reason: 'thử' }],
      [`/api/review/responses/${other.id}/restore`, { reason: 'thử' }],
      [`/api/review/conflicts/${seq}/resolve`, { action: 'accept-new', reason: 'thử' }],
    ] as const
    // A surveyor's role may not review at all (403 whatever the id); a supervisor gets 404, as for
    // something that does not exist: nothing tells whether huyen-b holds it.
    const status = as === 'surveyor' ? 403 : 404
    for (const [url, json] of calls) expect((await t.request(url, { as, json, headers: ORIGIN })).status).toBe(status)
    expect(count('SELECT COUNT(*) FROM response_voids')).toBe(0)
    expect(count('SELECT COUNT(*) FROM response_corrections')).toBe(0)
  })
})

describe('a supervisor of huyen-a reading dashboards and exports', () => {
  const urls = [
    `/api/progress?${S}`,
    `/api/progress/by-surveyor?${S}`,
    `/api/progress/by-day?${S}`,
    `/api/quality?${S}`,
    '/api/review/conflicts',
    `/api/exports/responses-long.csv?${S}`,
    `/api/exports/responses-wide.csv?${S}`,
    `/api/exports/matrix.csv?${S}`,
    `/api/exports/progress.csv?${S}`,
    `/api/exports/progress-by-surveyor.csv?${S}`,
    `/api/exports/progress-by-day.csv?${S}`,
  ]
  it.each(urls)('%s shows huyen-a and nothing of huyen-b', async (url) => {
    const { status, body } = await text(url, 'supervisor')
    expect(status).toBe(200)
    expect(body).not.toMatch(/huyen-b|Huyện B/)
    expect(body).not.toContain(other.id)
    // The admin's view of the same page does show huyen-b, so the filter is what hides it.
    if (!url.includes('by-day') && !url.includes('by-surveyor'))
      expect((await text(url, 'admin')).body).toMatch(/huyen-b|Huyện B/)
  })

  it('gets 403 for scores, score explanations and the scores export, which rank every unit', async () => {
    for (const url of [`/api/scores?${S}`, `/api/scores/explain?${S}&unitId=huyen-b`, `/api/exports/scores.csv?${S}`]) {
      expect((await t.request(url, { as: 'supervisor' })).status).toBe(403)
    }
  })
})
