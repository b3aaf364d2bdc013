import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SelfAssessmentPreview } from '@parsurvey/shared'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const query = '?surveyId=test-2025-district&version=1'

/** Sends a file body as an analyst (binary-safe, unlike the harness's string body). */
async function send(step: 'preview' | 'apply', body: string | Uint8Array, type = 'text/csv', lang = 'en') {
  const cookie = await t.login('analyst')
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
  return t.app.request(`/api/self-assessment/${step}${query}`, {
    method: 'POST',
    headers: { cookie, 'content-type': type, 'accept-language': lang },
    body: bytes,
  })
}

const previewOf = async (body: string | Uint8Array, type?: string) =>
  (await (await send('preview', body, type)).json()) as SelfAssessmentPreview

async function xlsx(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Điểm')
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

describe('self-assessment import', () => {
  it('previews a CSV with a BOM, ";" separators and decimal commas', async () => {
    const preview = await previewOf('\uFEFFunitId;selfAssessment\r\nhuyen-a;60,5\r\nhuyen-b;55\r\n')
    expect(preview).toMatchObject({
      ok: true,
      format: 'csv',
      errorCount: 0,
      missingUnits: [],
      values: { 'huyen-a': 60.5, 'huyen-b': 55 },
    })
    expect(preview.rows).toEqual([
      { line: 2, unitId: 'huyen-a', value: 60.5 },
      { line: 3, unitId: 'huyen-b', value: 55 },
    ])
  })

  it('reports every bad row with its line, and ignores extra columns with a warning', async () => {
    const csv = [
      'unitId,selfAssessment,note',
      'huyen-x,50,',
      'huyen-a,abc,',
      'huyen-a,40,',
      'huyen-b,99,too high',
      '',
    ].join('\n')
    const preview = await previewOf(csv)
    expect(preview.ok).toBe(false)
    expect(preview.errorCount).toBe(4)
    expect(preview.warnings.map((w) => w.code)).toEqual(['self-assessment-extra-column'])
    expect(preview.rows.map((r) => [r.line, r.error?.code])).toEqual([
      [2, 'self-assessment-unknown-unit'],
      [3, 'self-assessment-not-number'],
      [4, 'self-assessment-duplicate-unit'],
      [5, 'self-assessment-out-of-range'],
    ])
    expect(preview.rows[3]!.error!.message).toContain('68')
  })

  it('flags a duplicate unit and a row split by an unquoted decimal comma', async () => {
    const preview = await previewOf('unitId,selfAssessment\nhuyen-a,60\nhuyen-a,61\nhuyen-b,55,5\n')
    expect(preview.rows.map((r) => r.error?.code)).toEqual([
      undefined,
      'self-assessment-duplicate-unit',
      'self-assessment-extra-cells',
    ])
  })

  it('names a missing column and lists the units the file leaves out', async () => {
    const missing = await previewOf('unit,points\nhuyen-a,60\n')
    expect(missing.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('unitId'),
      expect.stringContaining('selfAssessment'),
    ])
    const partial = await previewOf('unitId,selfAssessment\nhuyen-a,60\n')
    expect(partial).toMatchObject({ ok: true, missingUnits: ['huyen-b'] })
  })

  it('reads XLSX: numbers, cached formula results, and refuses a formula without a result', async () => {
    const good = await xlsx([
      ['unitId', 'selfAssessment'],
      ['huyen-a', 61.25],
      ['huyen-b', { formula: '50+5', result: 55 }],
    ])
    expect(await previewOf(good, 'application/octet-stream')).toMatchObject({
      ok: true,
      format: 'xlsx',
      values: { 'huyen-a': 61.25, 'huyen-b': 55 },
    })
    const bad = await xlsx([
      ['unitId', 'selfAssessment'],
      ['huyen-a', { formula: 'SUM(Z1:Z9)' } as ExcelJS.CellValue],
    ])
    const preview = await previewOf(bad)
    expect(preview.rows[0]!.error).toMatchObject({
      code: 'self-assessment-formula-without-result',
      field: 'selfAssessment',
    })
    expect(preview.rows[0]!.error!.message).toContain('SUM(Z1:Z9)')
  })

  it('refuses a CSV that is not UTF-8', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('unitId,selfAssessment\nhuyen-a,6'), 0xe9, 0x0a])
    expect((await previewOf(latin1)).errors.map((e) => e.code)).toEqual(['self-assessment-not-utf8'])
  })

  it('applies nothing while the file has errors', async () => {
    const res = await send('apply', 'unitId,selfAssessment\nhuyen-a,999\n')
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { code: string }; preview: SelfAssessmentPreview }
    expect(body.error.code).toBe('self-assessment-has-errors')
    expect(body.preview.rows[0]!.error!.code).toBe('self-assessment-out-of-range')
    expect(t.db.prepare('SELECT COUNT(*) FROM self_assessment_sets').pluck().get()).toBe(0)
  })

  it('keeps every applied set; the latest is current and feeds totals and classification', async () => {
    await t.request('/api/sync', {
      as: 'surveyor',
      json: { responses: [makeResponse({ answers: { q1: 'very-good', q2: 'very-good', q3: 'very-good' } })] },
    })
    expect((await send('apply', 'unitId,selfAssessment\nhuyen-a,50\nhuyen-b,40\n')).status).toBe(201)
    const second = await send('apply', 'unitId;selfAssessment\nhuyen-a;60,5\n')
    expect(second.status).toBe(201)

    const state = (await (await t.request(`/api/self-assessment${query}`, { as: 'admin' })).json()) as {
      current: { setVersion: number; values: Record<string, number>; appliedBy: string }
      history: { setVersion: number; units: number }[]
    }
    expect(state.current).toMatchObject({ setVersion: 2, values: { 'huyen-a': 60.5 }, appliedBy: 'analyst' })
    expect(state.history.map((h) => [h.setVersion, h.units])).toEqual([
      [2, 1],
      [1, 2],
    ])

    const scores = (await (await t.request(`/api/scores${query}`, { as: 'analyst' })).json()) as {
      units: {
        unitId: string
        selfAssessment: number | null
        total: number | null
        classification: string | null
        surveyPoints: number
      }[]
    }
    const a = scores.units.find((u) => u.unitId === 'huyen-a')!
    expect(a.selfAssessment).toBe(60.5)
    expect(a.total).toBeCloseTo(60.5 + a.surveyPoints, 2)
    expect(a.classification).not.toBeNull()
    expect(scores.units.find((u) => u.unitId === 'huyen-b')).toMatchObject({
      selfAssessment: null,
      total: null,
      classification: null,
    })
    const audit = t.db
      .prepare("SELECT before, after FROM audit_log WHERE action = 'self-assessment-apply' ORDER BY seq")
      .all() as { before: string; after: string }[]
    expect(audit).toHaveLength(2)
    expect(JSON.parse(audit[1]!.before)).toMatchObject({ setVersion: 1, values: { 'huyen-a': 50, 'huyen-b': 40 } })
  })

  it('answers 413 for a file over 2 MB and 403 for a surveyor', async () => {
    const big = `unitId,selfAssessment\n${'huyen-a,1\n'.repeat(250_000)}`
    const res = await send('preview', big)
    expect(res.status).toBe(413)
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toContain('2 MB')
    expect((await t.request(`/api/self-assessment${query}`, { as: 'surveyor' })).status).toBe(403)
  })
})
