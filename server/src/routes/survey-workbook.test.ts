import { surveyToSheets, validateWorkbook, type SurveyIssueReply, type SurveyPublishReply } from '@parsurvey/shared'
import { makeSurvey, makeTypedSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readSurveyWorkbook, writeSurveyWorkbook } from '../survey/workbook-file.ts'
import { startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const upload = (body: Uint8Array<ArrayBuffer>, query = '', lang = 'vi') =>
  t.request(`/api/surveys${query}`, {
    method: 'POST',
    body,
    as: 'admin',
    headers: { 'content-type': XLSX, 'accept-language': lang },
  })

describe('POST /api/surveys with an Excel workbook', () => {
  it('checks a workbook, says what changed since the published version, then publishes it', async () => {
    const next = makeSurvey({ version: 2 })
    next.questions[0]!.text = { vi: 'Câu một, sửa lời' }
    next.questions[1]!.options[1]!.score = 0.7
    next.questions.push(makeTypedSurvey().questions.find((q) => q.id === 'visits')!)
    next.questions.at(-1)!.groups = ['citizen']
    const bytes = new Uint8Array(await writeSurveyWorkbook(next))
    const check = await upload(bytes, '?dryRun=1', 'en')
    expect(check.status).toBe(200)
    const reply = (await check.json()) as SurveyPublishReply
    expect(reply).toMatchObject({ id: next.id, version: 2, created: true, dryRun: true })
    expect(reply.diff).toMatchObject({
      fromVersion: 1,
      added: [{ id: 'visits' }],
      removed: [],
      relabelled: [{ id: 'q1' }],
      rescored: [{ id: 'q2', options: [{ value: 'good', before: 0.75, after: 0.7 }] }],
    })
    expect(t.services.sqlite.surveys.get(next.id, 2)).toBeUndefined()
    const published = await upload(bytes)
    expect(published.status).toBe(201)
    expect(t.services.sqlite.surveys.get(next.id, 2)?.survey.questions.at(-1)).toMatchObject({
      id: 'visits',
      type: 'number',
      max: 50,
    })
  })

  it('refuses a broken workbook with every problem at its sheet, row and column, in Vietnamese', async () => {
    const broken = makeSurvey({ version: 3 })
    broken.questions[5]!.relevant = '${q7} = 1'
    const res = await upload(new Uint8Array(await writeSurveyWorkbook(broken)))
    expect(res.status).toBe(422)
    const { issues } = (await res.json()) as { issues: SurveyIssueReply[] }
    const row = surveyToSheets(broken)[0]!.rows.findIndex((r) => r[1] === broken.questions[5]!.id) + 2
    expect(issues).toEqual([
      {
        path: '',
        code: 'survey-expression-unknown-question',
        place: { sheet: 'survey', row, column: 'H', header: 'relevant' },
        message: `Trang "survey", dòng ${row}, cột H (relevant): biểu thức nhắc đến câu hỏi "\${q7}" (ký tự thứ 1) không có trong bộ câu hỏi.`,
      },
    ])
  })

  it('refuses a file that is not a workbook with one clear problem', async () => {
    const res = await upload(new TextEncoder().encode('PK not really a zip'), '', 'en')
    expect(res.status).toBe(422)
    const { issues } = (await res.json()) as { issues: SurveyIssueReply[] }
    expect(issues).toMatchObject([
      { code: 'xlsform-unreadable', message: expect.stringContaining('Cannot read the Excel') },
    ])
  })
})

describe('GET /api/surveys/:id/versions/:version/workbook', () => {
  it('downloads a published version as a workbook that reads back as the same survey', async () => {
    const survey = makeSurvey()
    const res = await t.request(`/api/surveys/${survey.id}/versions/1/workbook`, { as: 'admin' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(XLSX)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${survey.id}-v1.xlsx"`)
    const sheets = await readSurveyWorkbook(new Uint8Array(await res.arrayBuffer()))
    expect(Array.isArray(sheets) && validateWorkbook(sheets)).toEqual({ ok: true, survey })
    const missing = await t.request(`/api/surveys/${survey.id}/versions/9/workbook`, { as: 'admin' })
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('survey-not-found')
  })
})
