import { formatDateTime, type BatchWithCodes, type Locale, type Survey } from '@parsurvey/shared'
import { csvCell } from '../export/csv.ts'
import { codeLink, placeNames } from './place.ts'

/**
 * The codes of a batch as CSV for mail merge or a spreadsheet: UTF-8 with a byte-order mark so
 * that Excel shows Vietnamese names correctly; CRLF line ends as RFC 4180 says.
 */
export function batchCsv(survey: Survey, batch: BatchWithCodes, origin: string, locale: Locale): string {
  const names = placeNames(survey, batch, locale)
  const expires = batch.expiresAt === null ? '' : formatDateTime(batch.expiresAt)
  const rows = [['code', 'link', 'unit', 'group', 'location', 'expires', 'status']]
  for (const c of batch.codes) {
    rows.push([c.code, codeLink(origin, c.code), names.unit, names.group, names.location, expires, c.status])
  }
  // Names come from the survey file: csvCell neutralises what a spreadsheet would run as a formula.
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}
