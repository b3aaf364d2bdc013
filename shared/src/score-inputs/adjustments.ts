import type { AdjustmentPreviewRow, AdjustmentsPreview } from '../api/adjustments.ts'
import type { Notice } from '../api/self-assessment.ts'
import type { Locale } from '../errors/messages/index.ts'
import { toHundredths } from '../scoring/adjustments.ts'
import type { Survey } from '../survey/schema.ts'
import { scoreInputPreview, type PreviewWords } from './preview.ts'
import { cellText, normaliseColumn, type InputTable, type InputTableProblem, unitIdKey, unitSpelling } from './table.ts'
import { checkUnitCell, firstErrorOf, readPointsCell } from './rows.ts'

/** Longest reason kept: a decision's article and a sentence or two. */
export const ADJUSTMENT_REASON_MAX = 500

/**
 * Checks a table of bonus and penalty points (`unitId`, `points`, `reason`) against the survey,
 * every row's problem at once. Several rows of one unit add up; points may be negative, have at
 * most 2 decimals and lie within ± the survey's maximum total; every row needs a reason. A file
 * with a header and no rows is valid: it clears the adjustments. Used by the server's import and
 * the CLI's `--adjustments`.
 */
export function previewAdjustments(
  survey: Survey,
  table: InputTable | InputTableProblem,
  locale: Locale,
): AdjustmentsPreview {
  return scoreInputPreview<AdjustmentsPreview>(survey, table, locale, { rows: [], adjustments: [] }, checkRows, (p) => {
    p.adjustments = []
  })
}

function checkRows(survey: Survey, table: InputTable, preview: AdjustmentsPreview, words: PreviewWords): Notice[] {
  const { notice, num } = words
  const names = table.header.map(normaliseColumn)
  const columns = { unitId: names.indexOf('unitid'), points: names.indexOf('points'), reason: names.indexOf('reason') }
  const missing = Object.entries(columns)
    .filter(([, col]) => col < 0)
    .map(([column]) => notice('adjustments-missing-column', { column }))
  if (missing.length > 0) return missing
  const used = new Set(Object.values(columns))
  table.header.forEach((name, i) => {
    if (!used.has(i) && name !== '') preview.warnings.push(notice('adjustments-extra-column', { column: name }))
  })

  const resolve = unitSpelling(survey)
  const seen = new Map<string, number>()
  const repeated: number[] = []
  const max = survey.surveyPoints + survey.selfAssessmentPoints
  for (const { line, cells } of table.rows) {
    const row: AdjustmentPreviewRow = {
      line,
      unitId: cellText(cells[columns.unitId]),
      points: null,
      reason: cellText(cells[columns.reason]),
    }
    const error = firstErrorOf(row, notice)
    checkUnitCell('adjustments', row.unitId, resolve, error)
    row.points = readPointsCell('adjustments', table, cells, columns.points, 'points', error)
    if (row.points !== null && Math.abs(row.points) > max)
      error('points', 'adjustments-out-of-range', { value: num(row.points), max: num(max) })
    else if (row.points !== null && !hasHundredths(row.points))
      error('points', 'adjustments-too-precise', { value: num(row.points) })
    const reasonCell = cells[columns.reason]
    if (typeof reasonCell === 'object')
      error('reason', 'adjustments-formula-without-result', { formula: reasonCell.formula })
    else if (row.reason === '') error('reason', 'adjustments-missing-reason')
    else if (row.reason.length > ADJUSTMENT_REASON_MAX)
      error('reason', 'adjustments-reason-too-long', { max: ADJUSTMENT_REASON_MAX })
    if (!row.error) {
      // Several rows of a unit add up, but a row that repeats another (reason compared without
      // case, spaces or diacritics) is most often pasted twice: the preview says so on both sides.
      const key = [unitIdKey(row.unitId), row.points, unitIdKey(row.reason)].join('\u0000')
      const first = seen.get(key)
      if (first === undefined) seen.set(key, line)
      else {
        row.warning = notice('adjustments-repeated-row', { firstLine: first, unitId: row.unitId })
        repeated.push(line)
      }
      preview.adjustments.push({ unitId: row.unitId, points: row.points!, reason: row.reason })
    }
    preview.rows.push(row)
  }
  if (repeated.length > 0) preview.warnings.push(notice('adjustments-repeated-rows', { lines: repeated.join(', ') }))
  return []
}

function hasHundredths(points: number): boolean {
  try {
    toHundredths(points)
    return true
  } catch {
    return false
  }
}
