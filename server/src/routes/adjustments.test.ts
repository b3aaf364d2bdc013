import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AdjustmentsPreview, AdjustmentsState, SurveyScores } from '@parsurvey/shared'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const query = '?surveyId=test-2025-district&version=1'

async function send(step: 'preview' | 'apply', csv: string, lang = 'en', as: 'analyst' | 'admin' = 'analyst') {
  const cookie = await t.login(as)
  return t.app.request(`/api/adjustments/${step}${query}&fileName=qd-123.csv`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv', 'accept-language': lang },
    body: new TextEncoder().encode(csv),
  })
}
const stateOf = async () =>
  (await (await t.request(`/api/adjustments${query}`, { as: 'admin' })).json()) as AdjustmentsState
const scoresOf = async () => (await (await t.request(`/api/scores${query}`, { as: 'analyst' })).json()) as SurveyScores

describe('bonus and penalty points import', () => {
  it('previews every row with its error in Vietnamese and stores nothing while one is wrong', async () => {
    const csv = 'unitId;points;reason\nhuyen-a;1,5;Sáng kiến\nhuyen-z;1;x\nhuyen-b;-0,255;Chậm\nhuyen-b;-1;\n'
    const preview = (await (await send('preview', csv, 'vi')).json()) as AdjustmentsPreview
    expect(preview.ok).toBe(false)
    expect(preview.rows.map((r) => [r.line, r.error?.field ?? null, r.error?.message ?? null])).toEqual([
      [2, null, null],
      [3, 'unitId', 'Đơn vị "huyen-z" không có trong phiếu khảo sát này.'],
      [4, 'points', 'Điểm -0,255 có quá 2 chữ số thập phân.'],
      [5, 'reason', 'Thiếu lý do (căn cứ) của điểm thưởng hoặc điểm trừ.'],
    ])
    const refused = await send('apply', csv)
    expect(refused.status).toBe(422)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('adjustments-has-errors')
    expect(t.db.prepare('SELECT COUNT(*) FROM adjustment_sets').pluck().get()).toBe(0)
  })

  it('adds the current list to the totals, keeps every import, audits each, and clears with an empty list', async () => {
    await t.request('/api/sync', {
      as: 'surveyor',
      json: { responses: [makeResponse({ answers: { q1: 'very-good', q2: 'very-good', q3: 'very-good' } })] },
    })
    await t.app.request(`/api/self-assessment/apply${query}`, {
      method: 'POST',
      headers: { cookie: await t.login('analyst'), 'content-type': 'text/csv' },
      body: 'unitId,selfAssessment\nhuyen-a,50\nhuyen-b,40\n',
    })
    const before = (await scoresOf()).units.find((u) => u.unitId === 'huyen-a')!
    expect(before.adjustments).toBe(0)

    const csv = 'unitId,points,reason\nhuyen-a,1.5,Sáng kiến cấp tỉnh\nhuyen-a,-0.25,Chậm báo cáo\nhuyen-b,-2,Vi phạm\n'
    expect((await send('apply', csv)).status).toBe(201)
    const after = await scoresOf()
    const a = after.units.find((u) => u.unitId === 'huyen-a')!
    expect(a.adjustments).toBe(1.25)
    expect(a.total).toBeCloseTo(before.total! + 1.25, 2)
    expect(after.units.find((u) => u.unitId === 'huyen-b')).toMatchObject({ adjustments: -2, total: 38 })

    const state = await stateOf()
    expect(state.current).toMatchObject({ setVersion: 1, rows: 3, appliedBy: 'analyst', source: 'qd-123.csv' })
    expect(state.current!.adjustments[1]).toEqual({ unitId: 'huyen-a', points: -0.25, reason: 'Chậm báo cáo' })

    expect((await send('apply', 'unitId,points,reason\n', 'en', 'admin')).status).toBe(201)
    const cleared = await stateOf()
    expect(cleared.current).toMatchObject({ setVersion: 2, rows: 0, adjustments: [] })
    expect(cleared.history.map((h) => [h.setVersion, h.rows])).toEqual([
      [2, 0],
      [1, 3],
    ])
    expect((await scoresOf()).units.find((u) => u.unitId === 'huyen-b')).toMatchObject({ adjustments: 0, total: 40 })
    const audit = t.db
      .prepare("SELECT before, after FROM audit_log WHERE action = 'adjustments-apply' ORDER BY seq")
      .all() as { before: string | null; after: string }[]
    expect(audit).toHaveLength(2)
    expect(JSON.parse(audit[0]!.before!)).toBeNull()
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({ setVersion: 1, adjustments: [{ unitId: 'huyen-a' }, {}, {}] })
  })

  it('refuses a surveyor and a file over 2 MB', async () => {
    expect((await t.request(`/api/adjustments${query}`, { as: 'surveyor' })).status).toBe(403)
    const big = await send('preview', `unitId,points,reason\n${'huyen-a,1,x\n'.repeat(200_000)}`)
    expect(big.status).toBe(413)
    expect(((await big.json()) as { error: { code: string } }).error.code).toMatch(/too-large$/)
  })
})
