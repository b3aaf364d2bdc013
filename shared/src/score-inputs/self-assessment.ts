import type { Notice, PreviewField, PreviewRow, SelfAssessmentPreview } from '../api/self-assessment.ts'
import type { Locale } from '../errors/messages/index.ts'
import { roundHalfUp } from '../scoring/round.ts'
import type { Survey } from '../survey/schema.ts'
import { scoreInputPreview, type PreviewWords } from './preview.ts'
import { cellText, normaliseColumn, type InputTable, type InputTableProblem, unitIdKey, unitSpelling } from './table.ts'
import { checkUnitCell, firstErrorOf, readPointsCell, type RowError } from './rows.ts'

/** The column of a domain (top-level criterion) in a self-assessment file. */
export const domainColumn = (criterionId: string): `domain:${string}` => `domain:${criterionId}`

/**
 * Checks a self-assessment table (`unitId`, `selfAssessment`, optionally one `domain:<id>` column
 * per top-level criterion) against the survey: every row's problem at once, in the reader's
 * language. With domain columns, each domain cell is a number ≥ 0 and the domains add up to the
 * total (to the hundredth). The server's import and the CLI's `--self` both call this.
 */
export function previewSelfAssessment(
  survey: Survey,
  table: InputTable | InputTableProblem,
  locale: Locale,
): SelfAssessmentPreview {
  const parts = { domains: [], rows: [], missingUnits: [], values: {}, domainValues: {} }
  return scoreInputPreview<SelfAssessmentPreview>(survey, table, locale, parts, checkRows, (p) => {
    p.values = {}
    p.domainValues = {}
  })
}

function checkRows(survey: Survey, table: InputTable, preview: SelfAssessmentPreview, words: PreviewWords): Notice[] {
  const { notice, num } = words
  const names = table.header.map(normaliseColumn)
  const unitCol = names.indexOf('unitid')
  const valueCol = names.indexOf('selfassessment')
  const domainCols = survey.criteria
    .map((c) => ({ id: c.id, col: names.indexOf(normaliseColumn(domainColumn(c.id))) }))
    .filter((d) => d.col >= 0)
  const fileErrors = [
    ...(unitCol < 0 ? [notice('self-assessment-missing-column', { column: 'unitId' })] : []),
    ...(valueCol < 0 ? [notice('self-assessment-missing-column', { column: 'selfAssessment' })] : []),
  ]
  const used = new Set([unitCol, valueCol, ...domainCols.map((d) => d.col)])
  table.header.forEach((name, i) => {
    if (used.has(i) || name === '') return
    if (names[i]!.startsWith('domain:'))
      fileErrors.push(notice('self-assessment-unknown-domain', { column: name, domains: domainList(survey) }))
    else preview.warnings.push(notice('self-assessment-extra-column', { column: name }))
  })
  if (domainCols.length > 0 && domainCols.length < survey.criteria.length) {
    const missing = survey.criteria.filter((c) => !domainCols.some((d) => d.id === c.id))
    fileErrors.push(
      notice('self-assessment-missing-domains', { columns: missing.map((c) => domainColumn(c.id)).join(', ') }),
    )
  }
  if (fileErrors.length > 0) return fileErrors
  preview.domains = domainCols.map((d) => d.id)

  const resolve = unitSpelling(survey)
  // By unitIdKey: "Huyện-A " on a later line is the same unit as "huyen-a", never a second value.
  const firstLines = new Map<string, { line: number; unitId: string }>()
  for (const { line, cells } of table.rows) {
    const unitId = cellText(cells[unitCol])
    const row: PreviewRow = { line, unitId, value: null }
    const error = firstErrorOf(row, notice)
    // An empty id is never in firstLines: it is only reported missing (checkUnitCell).
    const first = unitId === '' ? undefined : firstLines.get(unitIdKey(unitId))
    if (first?.unitId === unitId) error('unitId', 'self-assessment-duplicate-unit', { unitId, firstLine: first.line })
    else if (first)
      error('unitId', 'score-inputs-near-duplicate-unit', { unitId, firstLine: first.line, firstId: first.unitId })
    else if (unitId !== '') firstLines.set(unitIdKey(unitId), { line, unitId })
    checkUnitCell('self-assessment', unitId, resolve, error)
    const read = { table, cells, max: survey.selfAssessmentPoints, error, num }
    row.value = readPoints(read, valueCol, 'selfAssessment')
    if (domainCols.length > 0) {
      const domains: Record<string, number | null> = {}
      for (const { id, col } of domainCols) domains[id] = readPoints(read, col, domainColumn(id))
      row.domains = domains
      checkSum(row, domains, error, num)
    }
    if (!row.error) {
      preview.values[unitId] = row.value!
      if (row.domains) preview.domainValues[unitId] = row.domains as Record<string, number>
    }
    preview.rows.push(row)
  }
  if (table.rows.length === 0) return [notice('self-assessment-empty')]
  preview.missingUnits = survey.units.map((u) => u.id).filter((id) => !firstLines.has(unitIdKey(id)))
  return []
}

type RowReader = {
  table: InputTable
  cells: InputTable['rows'][number]['cells']
  max: number
  error: RowError<PreviewField>
  num: (value: number) => string
}

function readPoints({ table, cells, max, error, num }: RowReader, col: number, field: PreviewField): number | null {
  const value = readPointsCell('self-assessment', table, cells, col, field, error)
  if (value !== null && (value < 0 || value > max))
    error(field, 'self-assessment-out-of-range', { value: num(value), max: num(max) })
  return value
}

/** The domains must add up to the total, compared in hundredths as published. */
function checkSum(
  row: PreviewRow,
  domains: Record<string, number | null>,
  error: RowError<PreviewField>,
  num: (value: number) => string,
): void {
  const parts = Object.values(domains)
  if (row.value === null || parts.some((p) => p === null)) return
  const sum = roundHalfUp(parts.reduce((a: number, b) => a + b!, 0))
  if (sum !== roundHalfUp(row.value))
    error('selfAssessment', 'self-assessment-domains-sum', { sum: num(sum), total: num(row.value) })
}

function domainList(survey: Survey): string {
  return survey.criteria.map((c) => domainColumn(c.id)).join(', ')
}
