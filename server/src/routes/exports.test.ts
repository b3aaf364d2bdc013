import { scoreSurvey, stateFromRows } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scoresToCsv } from '../cli/score-output.ts'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
  const responses = [
    makeResponse({ answers: { q1: 'good', q2: 'very-good', q3: 'dont-know', comment: '=HYPERLINK("http://x","y")' } }),
    makeResponse({ channel: 'paper', answers: { q1: 'fair', q2: null, q3: 'poor' } }),
    makeResponse({
      unitId: 'huyen-b',
      answers: { q1: 'very-good', q2: 'good', q3: 'good', comment: 'Tốt, nhanh; "đúng hẹn"' },
    }),
  ]
  const res = await t.request('/api/sync', { as: 'admin', json: { responses } })
  expect(res.status).toBe(200)
})
afterEach(() => t.close())

const query = '?surveyId=test-2025-district&version=1'
const download = (name: string, as = 'analyst', extra = '&header=ids') =>
  t.request(`/api/exports/${name}${query}${extra}`, { as })

/** The CSV text after checking the BOM and CRLF line endings, split into lines (without the last empty one). */
async function csvLines(res: Response): Promise<string[]> {
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  const bytes = new Uint8Array(await res.arrayBuffer())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = new TextDecoder().decode(bytes.subarray(3))
  expect(text.endsWith('\r\n')).toBe(true)
  expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/)
  return text.split('\r\n').slice(0, -1)
}

async function readXlsx(res: Response): Promise<ExcelJS.Worksheet> {
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await res.arrayBuffer())
  return workbook.worksheets[0]!
}

describe('GET /api/exports', () => {
  it('responses-long.csv has one row per non-blank answer, formula text neutralised', async () => {
    const res = await download('responses-long.csv')
    expect(res.headers.get('content-disposition')).toContain('filename="test-2025-district-v1-responses-long.csv"')
    const lines = await csvLines(res)
    expect(lines[0]).toBe(
      'responseId,surveyId,surveyVersion,status,statusReason,unitId,unitName,groupId,groupName,locationId,locationName,channel,questionId,answer,optionScore,receivedAt,surveyor',
    )
    expect(lines).toHaveLength(1 + 4 + 2 + 4)
    const comment = lines.find((l) => l.includes(',comment,'))!
    expect(comment).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`)
    expect(lines.find((l) => l.includes(',q3,dont-know,'))).toMatch(/,q3,dont-know,,/)
    expect(lines.find((l) => l.includes(',q1,good,'))).toMatch(/,q1,good,0\.75,.*,admin$/)
  })

  it('responses-wide.csv has one row per response and one column per question', async () => {
    const lines = await csvLines(await download('responses-wide.csv'))
    const survey = makeSurvey()
    expect(lines[0]!.split(',').slice(-survey.questions.length)).toEqual(survey.questions.map((q) => q.id))
    expect(lines).toHaveLength(1 + 3)
    expect(lines.some((l) => l.endsWith(',"Tốt, nhanh; ""đúng hẹn"""'))).toBe(true)
  })

  it('scores.csv is byte for byte what `parsurvey score --format csv` prints', async () => {
    const res = await download('scores.csv')
    const survey = makeSurvey()
    const scores = scoreSurvey(
      survey,
      stateFromRows(await t.services.aggregates.read({ surveyId: survey.id, surveyVersion: 1 })),
    )
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    expect(text).toBe(scoresToCsv(scores, survey))
  })

  it('matrix.csv gives n and mean per unit × group × criterion node', async () => {
    const lines = await csvLines(await download('matrix.csv'))
    expect(lines[0]).toBe('unitId,groupId,criterionId,criterionLabel,level,n,mean,dontKnow')
    // huyen-a leaders on leaf 2.1 (q3): one "poor" (0) counts, the don't-know does not.
    const row = lines.find((l) => l.startsWith('huyen-a,leader,2.1,'))!
    expect(row.split(',').slice(-3)).toEqual(['1', '0', '1'])
    // q1 answers of huyen-a leaders: good 0.75 and fair 0.5 → mean 0.625.
    expect(
      lines
        .find((l) => l.startsWith('huyen-a,leader,1.1,'))!
        .split(',')
        .slice(-3),
    ).toEqual(['2', '0.625', '0'])
  })

  it('each export is also an XLSX with bold frozen headers, Vietnamese labels and numbers as numbers', async () => {
    const long = await readXlsx(await download('responses-long.xlsx'))
    expect(long.getRow(1).getCell(1).value).toBe('responseId')
    expect(long.getRow(2).getCell(1).value).toBe('Mã phiếu')
    // Times are real dates (ExcelJS reads them back as Date objects of the Vietnam wall-clock time).
    expect(long.getRow(3).getCell(16).value).toBeInstanceOf(Date)
    expect(long.getRow(3).getCell(16).numFmt).toBe('dd/mm/yyyy hh:mm')
    expect(long.getRow(1).font?.bold ?? long.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(long.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    expect(long.actualRowCount).toBe(2 + 10)
    const scoreCells = long.getColumn(15).values.slice(3)
    expect(scoreCells.filter((v) => typeof v === 'number')).toEqual(expect.arrayContaining([0.75, 0.5, 1]))
    // Text stays exactly as typed: an XLSX text cell is never evaluated.
    expect(long.getColumn(14).values).toContain('=HYPERLINK("http://x","y")')

    const wide = await readXlsx(await download('responses-wide.xlsx'))
    expect(wide.actualRowCount).toBe(2 + 3)
    expect(wide.getRow(2).values).toContain(`q1 ${makeSurvey().questions[0]!.text.vi}`)

    const scores = await readXlsx(await download('scores.xlsx'))
    expect(scores.actualRowCount).toBe(2 + 2)
    expect(typeof scores.getRow(3).getCell(3).value).toBe('number')

    const matrix = await readXlsx(await download('matrix.xlsx'))
    expect(matrix.getRow(1).getCell(6).value).toBe('n')
  })

  it('limits a supervisor to their units and keeps scores from them', async () => {
    const lines = await csvLines(await download('responses-wide.csv', 'supervisor'))
    expect(lines).toHaveLength(1 + 2)
    expect(lines.slice(1).every((l) => l.split(',')[5] === 'huyen-a')).toBe(true)
    expect((await download('scores.csv', 'supervisor')).status).toBe(403)
    expect((await download('matrix.csv', 'surveyor')).status).toBe(403)
  })

  it('answers 404 naming the available exports for an unknown name', async () => {
    const res = await download('everything.csv')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('responses-long.csv')
  })

  it('keeps streaming while new responses are stored, from one consistent snapshot', async () => {
    // Enough rows for several chunks, so the export is still reading when the write happens.
    const more = Array.from({ length: 400 }, () => makeResponse())
    await t.request('/api/sync', { as: 'admin', json: { responses: more } })
    const res = await download('responses-long.csv')
    const reader = res.body!.getReader()
    const first = await reader.read()
    expect(first.done).toBe(false)
    const sync = await t.request('/api/sync', { as: 'admin', json: { responses: [makeResponse()] } })
    expect(((await sync.json()) as { results: { status: string }[] }).results[0]!.status).toBe('stored')
    let text = new TextDecoder().decode(first.value)
    for (let next = await reader.read(); !next.done; next = await reader.read())
      text += new TextDecoder().decode(next.value)
    expect(first.value!.length).toBeLessThan(text.length)
    expect(text.split('\r\n').length - 2).toBe(10 + 400 * 3)
  })
})
