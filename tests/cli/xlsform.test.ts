import ExcelJS from 'exceljs'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSurveyText } from '@parsurvey/shared'
import { afterAll, describe, expect, it } from 'vitest'
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
