import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseSurveyText, surveyToYaml, validateWorkbook, type Sheet } from '@parsurvey/shared'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readSurveyWorkbook, writeSurveyWorkbook } from './workbook-file.ts'

const root = resolve(import.meta.dirname, '../../..')
const surveyOf = (file: string) => {
  const parsed = parseSurveyText(readFileSync(resolve(root, file), 'utf8'), file)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.survey
}

describe('survey workbook files', () => {
  for (const file of [
    'surveys/par-2026-department.yaml',
    'surveys/par-2026-commune.yaml',
    'tests/fixtures/surveys/valid-typed.yaml',
  ]) {
    it(`gives back the same survey after YAML → XLSX → YAML: ${file}`, async () => {
      const survey = surveyOf(file)
      const sheets = (await readSurveyWorkbook(await writeSurveyWorkbook(survey))) as Sheet[]
      const read = validateWorkbook(sheets)
      if (!read.ok) throw new Error(JSON.stringify(read.issues))
      const back = parseSurveyText(surveyToYaml(read.survey), 'back.yaml')
      expect(back.ok && back.survey).toEqual(survey)
    })
  }

  it('writes readable sheets: a guide first, bold frozen headers, columns wide enough', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(
      (await writeSurveyWorkbook(surveyOf('tests/fixtures/surveys/valid-typed.yaml'))) as unknown as ArrayBuffer,
    )
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Hướng dẫn',
      'survey',
      'choices',
      'settings',
      'scoring',
      'criteria',
      'groups',
      'units',
      'locations',
      'classification',
    ])
    const survey = workbook.getWorksheet('survey')!
    expect(survey.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(survey.getRow(1).font?.bold).toBe(true)
    expect(survey.getColumn(3).width).toBeGreaterThan(20)
  })

  it('reads dates, formulas and rich text as an author’s Excel saves them, and refuses a file that is not a workbook', async () => {
    const workbook = new ExcelJS.Workbook()
    const ws = workbook.addWorksheet('settings')
    ws.addRow(['form_id', 'round_opens', 'version', 'form_title'])
    ws.addRow([
      'x',
      new Date(Date.UTC(2025, 9, 1)),
      { formula: '1+1', result: 2 },
      { richText: [{ text: 'Phiếu ' }, { text: 'A' }] },
    ])
    const sheets = (await readSurveyWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()))) as Sheet[]
    expect(sheets[0]!.rows[0]).toEqual(['x', '2025-10-01', 2, 'Phiếu A'])
    expect(await readSurveyWorkbook(Buffer.from('not a zip'))).toMatchObject({ code: 'xlsform-unreadable' })
  })
})
