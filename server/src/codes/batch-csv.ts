import { vietnamDateTime, type BatchWithCodes, type Locale, type Survey } from '@parsurvey/shared'
import { neutraliseFormula } from '../export/csv.ts'
import { codeLink, placeNames } from './place.ts'

/**
 * A CSV field, quoted when it holds a separator, quote or line break (RFC 4180). Names come from
 * the survey file, so text a spreadsheet would run as a formula is neutralised like in exports.
 */
function field(value: string): string {
  const safe = neutraliseFormula(value)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * The codes of a batch as CSV for mail merge or a spreadsheet: UTF-8 with a byte-order mark so
 * that Excel shows Vietnamese names correctly; CRLF line ends as RFC 4180 says.
 */
export function batchCsv(survey: Survey, batch: BatchWithCodes, origin: string, locale: Locale): string {
  const names = placeNames(survey, batch, locale)
  const expires = batch.expiresAt === null ? '' : `${vietnamDateTime(batch.expiresAt)} GMT+7`
  const rows = [['code', 'link', 'unit', 'group', 'location', 'expires', 'status']]
  for (const c of batch.codes) {
    rows.push([c.code, codeLink(origin, c.code), names.unit, names.group, names.location, expires, c.status])
  }
  return `\uFEFF${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`
}
