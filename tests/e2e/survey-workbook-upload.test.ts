import type { Survey } from '@parsurvey/shared'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { logIn } from '../support/api-client.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import { fieldApp } from '../support/field-app.ts'
import { getSurvey } from '../support/field-fixtures.ts'
import type { ServerProcess } from '../support/server-process.ts'

/**
 * An admin edits the downloaded workbook of a published survey in Excel, uploads it with one
 * mistake (shown by sheet, row and column, nothing published), fixes it, reads what changed since
 * the last version, and publishes.
 */
const SURVEY = 'par-2026-department'
let server: ServerProcess
let browser: Browser
let cookie: string
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})
beforeAll(async () => {
  cookie = await logIn(server.url, 'admin', server.logins.get('admin')!)
})

async function downloadedWorkbook(): Promise<ExcelJS.Workbook> {
  const res = await fetch(`${server.url}/api/surveys/${SURVEY}/versions/1/workbook`, { headers: { cookie } })
  expect(res.status).toBe(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await res.arrayBuffer())
  return workbook
}

/** The 1-based column of `header` on a sheet's first row. */
function column(sheet: ExcelJS.Worksheet, header: string): number {
  const values = sheet.getRow(1).values as unknown[]
  const index = values.indexOf(header)
  expect(index).toBeGreaterThan(0)
  return index
}

const xlsx = async (workbook: ExcelJS.Workbook) => ({
  name: `${SURVEY}-v2.xlsx`,
  mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
})

describe('publishing a survey from an Excel workbook', () => {
  it('shows a mistake by sheet, row and column; after the fix, shows what changed, then publishes', async () => {
    const workbook = await downloadedWorkbook()
    const settings = workbook.getWorksheet('settings')!
    settings.getCell(2, column(settings, 'version')).value = 2
    // A scored option: its score is what the author gets wrong, then changes.
    const choices = workbook.getWorksheet('choices')!
    const scoreColumn = column(choices, 'score')
    let scoreRow = 2
    while (typeof choices.getCell(scoreRow, scoreColumn).value !== 'number') scoreRow++
    const option = String(choices.getCell(scoreRow, column(choices, 'name')).value)
    const oldScore = choices.getCell(scoreRow, scoreColumn).value as number
    const newScore = oldScore >= 0.5 ? oldScore - 0.25 : oldScore + 0.25
    choices.getCell(scoreRow, scoreColumn).value = 'nhiều'

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
    const page: Page = await context.newPage()
    const byTest = (id: string) => page.getByTestId(id)
    await page.goto(server.url)
    await fieldApp(page).logIn('admin', server.logins.get('admin')!)
    await page.goto(`${server.url}/admin/surveys`)
    await byTest('survey-file').setInputFiles(await xlsx(workbook))
    await byTest('survey-issues').waitFor()
    expect(await page.getByTestId('survey-issue').count()).toBe(1)
    expect((await byTest('survey-issue-sheet').textContent())?.trim()).toBe('choices')
    expect((await byTest('survey-issue-row').textContent())?.trim()).toBe(String(scoreRow))
    const letter = String.fromCharCode(64 + scoreColumn)
    expect((await byTest('survey-issue-column').textContent())?.replace(/\s+/g, ' ').trim()).toBe(`${letter} (score)`)
    expect(await byTest('survey-issue-message').textContent()).toContain('"nhiều" không phải là số')
    expect(await byTest('survey-publish').count()).toBe(0)

    // The fix: a real score, and one question reworded.
    choices.getCell(scoreRow, scoreColumn).value = newScore
    const sheet = workbook.getWorksheet('survey')!
    const labelColumn = column(sheet, 'label::Tiếng Việt (vi)')
    let questionRow = 2
    while (!String(sheet.getCell(questionRow, 1).value).startsWith('select_one')) questionRow++
    const questionId = String(sheet.getCell(questionRow, column(sheet, 'name')).value)
    const before = String(sheet.getCell(questionRow, labelColumn).value)
    sheet.getCell(questionRow, labelColumn).value = `${before} (sửa lời)`
    await byTest('survey-file').setInputFiles(await xlsx(workbook))
    await byTest('survey-valid').waitFor()
    expect(await byTest('survey-diff').locator('h3').textContent()).toBe('Thay đổi so với phiên bản 1')
    const relabelled = await byTest('survey-diff-relabelled').textContent()
    expect(relabelled).toContain('Sửa lời 1 câu hỏi')
    expect(relabelled).toContain(questionId)
    expect(relabelled).toContain(`${before} (sửa lời)`)
    const rescored = await byTest('survey-diff-rescored').textContent()
    const vi = (n: number) => String(n).replace('.', ',')
    expect(rescored).toContain(`phương án ${option}: ${vi(oldScore)} → ${vi(newScore)}`)
    expect(await byTest('survey-diff-added').count()).toBe(0)
    expect(await byTest('survey-diff-removed').count()).toBe(0)

    await byTest('survey-publish').click()
    await byTest('survey-published').waitFor()
    await byTest(`survey-row-${SURVEY}@2`).waitFor()
    const published: Survey = await getSurvey(server.url, cookie, SURVEY, 2)
    expect(published.questions.find((q) => q.id === questionId)!.text.vi).toBe(`${before} (sửa lời)`)
    await context.close()
  })
})
