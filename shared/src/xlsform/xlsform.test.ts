import { describe, expect, it } from 'vitest'
import { makeTypedSurvey } from '../survey/fixtures-typed.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import type { Survey } from '../survey/schema.ts'
import { formatWorkbookIssue, surveyToSheets, validateWorkbook, type Sheet } from './index.ts'

function sheetsOf(survey: Survey): Sheet[] {
  return JSON.parse(JSON.stringify(surveyToSheets(survey))) as Sheet[]
}

function edit(sheets: Sheet[], name: string, row: number, header: string, value: string | number | null): Sheet[] {
  const sheet = sheets.find((s) => s.name === name)!
  sheet.rows[row - 2]![sheet.columns.indexOf(header)] = value
  return sheets
}

function messages(sheets: Sheet[]): string[] {
  const result = validateWorkbook(sheets)
  return result.ok ? [] : result.issues.map((i) => formatWorkbookIssue(i, 'en'))
}

describe('survey workbooks (XLSForm)', () => {
  it('reads back the same survey it writes, for every question type, logic, other options and English-less labels', () => {
    for (const survey of [makeSurvey(), makeTypedSurvey()]) {
      const read = validateWorkbook(sheetsOf(survey))
      expect(read.ok ? read.survey : read.issues).toEqual(survey)
    }
  })

  it('lays the survey sheet out as XLSForm does: select types with lists, translated labels, sections as groups', () => {
    const [survey, choices] = surveyToSheets(makeTypedSurvey())
    expect(survey!.columns.slice(0, 4)).toEqual(['type', 'name', 'label::Tiếng Việt (vi)', 'label::English (en)'])
    const types = survey!.rows.map((r) => r[0])
    expect(types[0]).toBe('begin_group')
    expect(types).toEqual(
      expect.arrayContaining([
        'select_one q1',
        'select_multiple ways',
        'integer',
        'decimal',
        'date',
        'note',
        'end_group',
      ]),
    )
    // Questions with the same options share one list.
    expect(choices!.rows.filter((r) => r[0] === 'q1')).toHaveLength(5)
    expect(choices!.rows.some((r) => r[0] === 'q2')).toBe(false)
  })

  it('names the sheet, row and column of every problem, the reader’s and the validator’s', () => {
    const sheets = sheetsOf(makeTypedSurvey())
    const typedRow = (id: string) => sheets[0]!.rows.findIndex((r) => r[1] === id) + 2
    edit(sheets, 'survey', typedRow('satisfied'), 'relevant', "selected(${wayz}, 'web')")
    edit(sheets, 'survey', typedRow('visits'), 'max', 'fifty')
    edit(sheets, 'survey', typedRow('intro'), 'type', 'geopoint')
    edit(sheets, 'scoring', 2, 'surveyPoints', 30)
    expect(messages(sheets)).toEqual([
      `Sheet "survey", row ${typedRow('intro')}, column A (type): the XLSForm type "geopoint" is not supported in these surveys.`,
      `Sheet "survey", row ${typedRow('visits')}, column O (max): "fifty" is not a number.`,
      'Sheet "scoring", row 2, column A (surveyPoints) is 30 but the leaf criteria maxPoints add up to 32.',
      'Sheet "scoring", row 2, column B (selfAssessmentPoints): surveyPoints (30) + selfAssessmentPoints (68) = 98, it must be 100.',
      `Sheet "survey", row ${typedRow('satisfied')}, column H (relevant): the expression refers to "\${wayz}" (character 10), which is not a question of this survey.`,
    ])
    // A value of a shared list (here used by four questions) is reported once, at its cell.
    expect(messages(edit(sheetsOf(makeSurvey()), 'choices', 2, 'score', 7))).toEqual([
      'Sheet "choices", row 2, column E (score) is 7, outside the allowed range (must be ≤ 1).',
    ])
    // A score that is not a number is that one problem, not also "a scored option needs a score".
    expect(messages(edit(sheetsOf(makeSurvey()), 'choices', 2, 'score', 'nhiều'))).toEqual([
      'Sheet "choices", row 2, column E (score): "nhiều" is not a number.',
    ])
  })

  it('reads what XLSForm authors write: shared lists, or_other, yes/TRUE, labels without English, group rows', () => {
    const sheets = sheetsOf(makeTypedSurvey())
    const row = sheets[0]!.rows.findIndex((r) => r[1] === 'online')
    const online = sheets[0]!.rows[row]!
    online[0] = 'select_one q1 or_other'
    online[6] = 'TRUE()'
    online[3] = null
    const read = validateWorkbook(sheets)
    expect(read.ok).toBe(true)
    const question = read.ok ? read.survey.questions.find((q) => q.id === 'online') : undefined
    expect(question?.options.at(-1)).toEqual({
      value: 'other',
      label: { vi: 'Khác (ghi rõ)', en: 'Other (specify)' },
      other: true,
    })
    expect(question).toMatchObject({ required: true, text: { vi: 'Đã dùng dịch vụ trực tuyến?' } })
    expect(question?.text.en).toBeUndefined()
  })

  it('refuses a workbook without its sheets, or with groups that do not pair up', () => {
    const sheets = sheetsOf(makeSurvey()).filter((s) => s.name !== 'scoring')
    sheets[0]!.rows.splice(
      sheets[0]!.rows.findIndex((r) => r[0] === 'end_group'),
      1,
    )
    const found = messages(sheets)
    expect(found[0]).toBe('Sheet "scoring", row 1: the workbook has no sheet "scoring".')
    expect(found).toContainEqual(
      expect.stringMatching(/^Sheet "survey", row \d+: begin_group and end_group rows do not pair up\.$/),
    )
  })
})
