import ExcelJS from 'exceljs'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSurveyText } from '@parsurvey/shared'
import { afterAll, describe, expect, it } from 'vitest'
import * as XLSX from 'xlsx'
import { convertWithLibreOffice } from '../support/office.ts'
import { fixture, repoRoot, runCli } from './run-cli.ts'

const dir = mkdtempSync(join(tmpdir(), 'parsurvey-xlsform-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('pnpm parsurvey survey to-xlsx / from-xlsx', () => {
  it('writes a workbook and reads it back to the same survey as YAML, never overwriting a file', async () => {
    const xlsx = join(dir, 'typed.xlsx')
    expect(await runCli(['survey', 'to-xlsx', fixture('valid-typed.yaml'), xlsx])).toMatchObject({ code: 0 })
    const back = await runCli(['survey', 'from-xlsx', xlsx])
    expect(back).toMatchObject({ code: 0, stderr: '' })
    const original = parseSurveyText(readFileSync(join(repoRoot, fixture('valid-typed.yaml')), 'utf8'), 'x.yaml')
    expect(parseSurveyText(back.stdout, 'back.yaml')).toEqual(original)
    expect((await runCli(['survey', 'to-xlsx', fixture('valid-typed.yaml'), xlsx])).code).toBe(1)
  })

  it('opens in LibreOffice with every sheet, the guide first, its column widths and the Vietnamese texts whole', async () => {
    const xlsx = join(dir, 'par-2026-department.xlsx')
    expect(await runCli(['survey', 'to-xlsx', 'surveys/par-2026-department.yaml', xlsx])).toMatchObject({ code: 0 })
    // LibreOffice reads the workbook and saves it again in its own words; SheetJS and ExcelJS read that copy.
    const saved = convertWithLibreOffice(xlsx, 'xlsx', mkdtempSync(join(dir, 'libreoffice-')))
    const copy = XLSX.read(readFileSync(saved))
    const original = XLSX.read(readFileSync(xlsx), { bookFiles: true })
    // Every sheet kept, in order, the guide first.
    expect(copy.SheetNames).toEqual(original.SheetNames)
    expect(copy.SheetNames.slice(0, 3)).toEqual(['Hướng dẫn', 'survey', 'choices'])
    expect(copy.Sheets['Hướng dẫn']!.A1?.v).toBe('Hướng dẫn soạn bộ câu hỏi trong Excel')
    const survey = XLSX.utils.sheet_to_json<Record<string, unknown>>(copy.Sheets.survey!)
    const q1 = survey.find((row) => row.name === 'q1')!
    expect(q1['label::Tiếng Việt (vi)']).toBe(
      'Ông/Bà đánh giá thế nào về sự quan tâm, sát sao của lãnh đạo đơn vị trong chỉ đạo cải cách hành chính năm 2026?',
    )
    const widths = new ExcelJS.Workbook()
    await widths.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer)
    const sheet = widths.getWorksheet('survey')!
    expect(sheet.getRow(1).font?.bold).toBe(true)
    // Label columns wide enough to read a question: the widths written survive LibreOffice.
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(50)
    // The header row is frozen in the file (LibreOffice's headless conversion keeps no view settings to check).
    const files = (original as unknown as { files: Record<string, { content: Uint8Array }> }).files
    const surveyXml = new TextDecoder().decode(files['xl/worksheets/sheet2.xml']!.content)
    expect(surveyXml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/)
  }, 180_000)

  it('names the sheet, row and column of every problem in a workbook (exit 1, nothing on stdout)', async () => {
    const xlsx = join(dir, 'broken.xlsx')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('survey')
    sheet.addRow(['type', 'name', 'label', 'relevant'])
    sheet.addRow(['select_one nolist', 'q1', 'Câu 1', "${q9} = 'x'"])
    await workbook.xlsx.writeFile(xlsx)
    const run = await runCli(['survey', 'from-xlsx', xlsx])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('broken.xlsx: Sheet "settings", row 1: the workbook has no sheet "settings".')
    expect(run.stderr).toContain(
      'broken.xlsx: Sheet "survey", row 2, column A (type): there is no option list "nolist" on the choices sheet.',
    )
  })
})
