import { formatMessage, type Locale } from '../errors/messages/index.ts'
import type { Criterion, Label, Survey } from '../survey/schema.ts'
import type { CellPlace, WorkbookIssue } from './read-cells.ts'
import { surveyToSheets as sheetsOf } from './write.ts'

export { validateWorkbook, readWorkbook, type WorkbookValidation } from './read.ts'
export { type CellPlace, type WorkbookIssue } from './read-cells.ts'
export { SHEET, columnLetter, type Sheet, type CellValue } from './sheets.ts'

/** The sheets of a survey's workbook; sections are headed by their domain (or the respondent profile). */
export function surveyToSheets(survey: Survey): ReturnType<typeof sheetsOf> {
  const profile: Label = {
    vi: formatMessage('xlsform-profile-section', {}, 'vi'),
    en: formatMessage('xlsform-profile-section', {}, 'en'),
  }
  return sheetsOf(survey, (domain: Criterion | undefined) => domain?.label ?? profile)
}

/** "Sheet "survey", row 5, column H (relevant)", in the reader's language. */
export function formatPlace(place: CellPlace, locale: Locale): string {
  return place.column === undefined
    ? formatMessage('xlsform-place-row', { sheet: place.sheet, row: place.row }, locale)
    : formatMessage(
        'xlsform-place',
        { sheet: place.sheet, row: place.row, column: place.column, header: place.header ?? '' },
        locale,
      )
}

/** One line per workbook problem, the cell standing where a file's messages put the path. */
export function formatWorkbookIssue(issue: WorkbookIssue, locale: Locale): string {
  return formatMessage(issue.code, { ...issue.params, path: formatPlace(issue.place, locale) }, locale)
}
