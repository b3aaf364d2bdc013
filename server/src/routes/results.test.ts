import type { ScorecardReply } from '@parsurvey/shared'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const query = 'surveyId=test-2025-district&version=1'

async function upload(path: string, csv: string) {
  const res = await t.app.request(`/api/${path}/apply?${query}`, {
    method: 'POST',
    headers: { cookie: await t.login('analyst'), 'content-type': 'text/csv' },
    body: csv,
  })
  expect(res.status).toBe(201)
}

describe('GET /api/results/pack.xlsx|docx', () => {
  it('builds the appendix from the server’s data: names, self per domain, adjustments, classes', async () => {
    await t.request('/api/sync', {
      as: 'surveyor',
      json: { responses: [makeResponse({ answers: { q1: 'very-good', q2: 'very-good', q3: 'very-good' } })] },
    })
    await upload('self-assessment', 'unitId,selfAssessment,domain:1,domain:2\nhuyen-a,60,40,20\nhuyen-b,50,30,20\n')
    await upload('adjustments', 'unitId,points,reason\nhuyen-b,-1.5,Vi phạm kỷ luật hành chính\n')

    const res = await t.request(`/api/results/pack.xlsx?${query}`, { as: 'analyst' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(res.headers.get('content-disposition')).toContain('ket-qua-test-2025-district-v1.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1)
    expect(String(row(1)[0])).toContain('năm 2025')
    expect(row(5).slice(0, 2)).toEqual([1, 'Huyện A'])
    expect(row(5).slice(2, 5)).toEqual([40, expect.any(Number), expect.any(Number)])
    const b = row(6)
    expect(b[1]).toBe('Huyện B')
    expect(b[10]).toBe(-1.5)
    expect(b[11]).toBe(48.5) // 50 − 1.5, no survey points
    expect(b[14]).toBe('Yếu')

    const docx = await t.request(`/api/results/pack.docx?${query}&lang=en`, { as: 'admin' })
    expect(docx.status).toBe(200)
    const bytes = new Uint8Array(await docx.arrayBuffer())
    expect(String.fromCharCode(...bytes.subarray(0, 2))).toBe('PK')
  })

  it('refuses a supervisor, an unknown format and an unknown previous survey', async () => {
    expect((await t.request(`/api/results/pack.xlsx?${query}`, { as: 'supervisor' })).status).toBe(403)
    expect((await t.request(`/api/results/pack.pdf?${query}`, { as: 'analyst' })).status).toBe(404)
    const previous = await t.request(`/api/results/pack.xlsx?${query}&previous=nope@1`, { as: 'analyst' })
    expect(previous.status).toBe(404)
    expect(((await previous.json()) as { error: { field: string } }).error.field).toBe('previous')
  })

  it('gives one unit’s scorecard as JSON with the province average, and every unit’s as a DOCX', async () => {
    await t.request('/api/sync', {
      as: 'surveyor',
      json: { responses: [makeResponse({ answers: { q1: 'very-good', q2: 'very-good', q3: 'very-good' } })] },
    })
    const res = await t.request(`/api/results/scorecard?${query}&unitId=huyen-a`, { as: 'analyst' })
    expect(res.status).toBe(200)
    const reply = (await res.json()) as ScorecardReply
    expect(reply.cards.map((c) => c.row.unitId)).toEqual(['huyen-a'])
    const [card] = reply.cards
    expect(card!.row.name).toBe('Huyện A')
    // Only huyen-a has responses: the province average is its own figure.
    expect(card!.domains.map((d) => d.province)).toEqual(card!.domains.map((d) => d.points))
    expect(card!.groups.find((g) => g.groupId === 'leader')).toMatchObject({ responses: 1, expected: 3 })

    const docx = await t.request(`/api/results/scorecards.docx?${query}`, { as: 'admin' })
    expect(docx.status).toBe(200)
    expect(docx.headers.get('content-disposition')).toContain('phieu-diem-test-2025-district-v1.docx')
    const bytes = new Uint8Array(await docx.arrayBuffer())
    expect(String.fromCharCode(...bytes.subarray(0, 2))).toBe('PK')
  })

  it('refuses a scorecard for an unknown or missing unit and scorecards as XLSX', async () => {
    const unknown = await t.request(`/api/results/scorecard?${query}&unitId=nope`, { as: 'analyst' })
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: { field: string } }).error.field).toBe('unitId')
    const missing = await t.request(`/api/results/scorecard?${query}`, { as: 'analyst' })
    expect(missing.status).toBe(400)
    expect((await t.request(`/api/results/scorecards.xlsx?${query}`, { as: 'analyst' })).status).toBe(404)
    expect((await t.request(`/api/results/scorecard?${query}&unitId=huyen-a`, { as: 'supervisor' })).status).toBe(403)
  })
})
