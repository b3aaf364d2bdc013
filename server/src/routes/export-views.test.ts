import { makeSurvey } from '@parsurvey/shared/testing'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorOf, makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
const kept = makeResponse({ answers: { q1: 'good', q2: 'very-good', q3: 'good' } })
const voided = makeResponse({ unitId: 'huyen-b', answers: { q1: 'fair', q2: 'good', q3: 'poor' } })
const disputed = makeResponse({ unitId: 'huyen-b' })

beforeEach(async () => {
  t = await startTestApp()
  const sync = (responses: unknown[]) => t.request('/api/sync', { as: 'admin', json: { responses } })
  const stored = await sync([kept, voided, disputed])
  expect(JSON.stringify(await stored.json())).not.toContain('rejected')
  // A resend of `disputed` with other answers waits for a supervisor; `voided` is voided with a reason.
  await sync([{ ...disputed, answers: { ...disputed.answers, q1: 'poor' } }])
  const res = await t.request(`/api/review/responses/${voided.id}/void`, {
    as: 'admin',
    json: { reason: 'Phiếu thử nghiệm, nhập nhầm' },
  })
  expect(res.status).toBe(200)
})
afterEach(() => t.close())

const query = '?surveyId=test-2025-district&version=1'
/** The CSV download as records keyed by its header row. */
async function records(name: string, extra = ''): Promise<Record<string, string>[]> {
  const res = await t.request(`/api/exports/${name}${query}${extra}`, { as: 'analyst' })
  expect(res.status).toBe(200)
  return parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[]
}

describe('export views', () => {
  it('keeps voided responses in the raw exports with their status and reason, beside a pending conflict', async () => {
    const rows = await records('responses-wide.csv')
    expect(rows).toHaveLength(3)
    const byId = new Map(rows.map((r) => [r['Mã phiếu'], r]))
    expect(byId.get(kept.id)).toMatchObject({ 'Tình trạng phiếu': 'Hợp lệ', 'Lý do hủy': '' })
    expect(byId.get(voided.id)).toMatchObject({
      'Tình trạng phiếu': 'Đã hủy',
      'Lý do hủy': 'Phiếu thử nghiệm, nhập nhầm',
    })
    expect(byId.get(disputed.id)!['Tình trạng phiếu']).toBe('Có bản gửi lại khác, chờ xử lý')

    const long = await records('responses-long.csv', '&header=ids')
    expect(new Set(long.filter((r) => r.responseId === voided.id).map((r) => r.status))).toEqual(new Set(['voided']))
    expect(new Set(long.map((r) => r.status))).toEqual(new Set(['valid', 'voided', 'conflict']))
  })

  it('writes Vietnamese headers and names beside ids by default, English with lang=en', async () => {
    const [vi] = await records('responses-wide.csv')
    const q1 = makeSurvey().questions[0]!
    expect(Object.keys(vi!)).toEqual(
      expect.arrayContaining(['Mã đơn vị được đánh giá', 'Nhóm đối tượng', `q1 ${q1.text.vi}`]),
    )
    const mine = (await records('responses-wide.csv')).find((r) => r['Mã phiếu'] === kept.id)!
    expect(mine).toMatchObject({ 'Mã đơn vị được đánh giá': 'huyen-a', 'Tên đơn vị được đánh giá': 'Huyện A' })
    expect(mine).toMatchObject({ 'Mã nhóm đối tượng': 'leader', 'Nhóm đối tượng': 'Lãnh đạo' })

    const en = (await records('responses-wide.csv', '&lang=en')).find((r) => r['Response id'] === kept.id)!
    expect(en).toMatchObject({ Unit: 'District A', Group: 'Leaders', Status: 'Valid', [`q1 ${q1.text.en}`]: 'good' })
  })

  it('writes classification labels in the scores, and the band ids in the machine view', async () => {
    const apply = await t.app.request(`/api/self-assessment/apply${query}`, {
      method: 'POST',
      headers: { cookie: await t.login('analyst'), 'content-type': 'text/csv' },
      body: 'unitId,selfAssessment\nhuyen-a,60\nhuyen-b,40\n',
    })
    expect(apply.status).toBe(201)
    const bands = makeSurvey().classification
    const people = await records('scores.csv')
    expect(people.map((r) => r['Xếp loại'])).not.toContain('')
    expect(bands.map((b) => b.label.vi)).toEqual(expect.arrayContaining(people.map((r) => r['Xếp loại'])))
    expect(people.find((r) => r['Mã đơn vị được đánh giá'] === 'huyen-a')!['Tên đơn vị được đánh giá']).toBe('Huyện A')
    const machine = await records('scores.csv', '&header=ids')
    expect(bands.map((b) => b.id)).toEqual(expect.arrayContaining(machine.map((r) => r.classification)))
  })

  it('refuses an unknown language or header option, naming the parameter', async () => {
    const res = await t.request(`/api/exports/responses-wide.csv${query}&lang=fr`, { as: 'analyst' })
    expect(res.status).toBe(400)
    const error = await errorOf(res)
    expect(error.field).toBe('lang')
    expect(error.message).toContain('lang')
    const header = await t.request(`/api/exports/scores.csv${query}&header=names`, { as: 'analyst' })
    expect((await errorOf(header)).field).toBe('header')
  })
})
