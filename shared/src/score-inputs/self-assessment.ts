import type { Notice, PreviewField, PreviewRow, SelfAssessmentPreview } from '../api/self-assessment.ts'
import type { Locale } from '../errors/messages/index.ts'
import { roundHalfUp } from '../scoring/round.ts'
import type { Survey } from '../survey/schema.ts'
import {
  cellText,
  localNumber,
  noticeIn,
  normaliseColumn,
  readNumberCell,
  type InputTable,
  type InputTableProblem,
  unitIdKey,
  unitSpelling,
} from './table.ts'

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
  const notice = noticeIn(locale)
  const num = (value: number) => localNumber(value, locale)
  const preview: SelfAssessmentPreview = {
    surveyId: survey.id,
    surveyVersion: survey.version,
    format: 'code' in table ? null : table.format,
    ok: false,
    errorCount: 0,
    errors: [],
    warnings: [],
    domains: [],
    rows: [],
    missingUnits: [],
    values: {},
    domainValues: {},
  }
  if ('code' in table) return finish(preview, [notice(table.code, table.params)])

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
  if (fileErrors.length > 0) return finish(preview, fileErrors)
  preview.domains = domainCols.map((d) => d.id)

  const resolve = unitSpelling(survey)
  // By unitIdKey: "Huyện-A " on a later line is the same unit as "huyen-a", never a second value.
  const firstLines = new Map<string, { line: number; unitId: string }>()
  for (const { line, cells } of table.rows) {
    const unitId = cellText(cells[unitCol])
    const row: PreviewRow = { line, unitId, value: null }
    const error = (field: PreviewField, code: string, params: Record<string, string | number> = {}) => {
      row.error ??= { ...notice(code, params), field }
    }
    const first = firstLines.get(unitIdKey(unitId))
    const known = resolve(unitId)
    if (unitId === '') error('unitId', 'self-assessment-missing-unit')
    else if (first?.unitId === unitId)
      error('unitId', 'self-assessment-duplicate-unit', { unitId, firstLine: first.line })
    else if (first)
      error('unitId', 'score-inputs-near-duplicate-unit', { unitId, firstLine: first.line, firstId: first.unitId })
    else firstLines.set(unitIdKey(unitId), { line, unitId })
    if (known === null) error('unitId', 'self-assessment-unknown-unit', { unitId })
    else if ('near' in known) error('unitId', 'score-inputs-unit-spelling', { unitId, surveyId: known.near })
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
  if (table.rows.length === 0) return finish(preview, [notice('self-assessment-empty')])
  preview.missingUnits = survey.units.map((u) => u.id).filter((id) => !firstLines.has(unitIdKey(id)))
  return finish(preview, [])
}

type RowError = (field: PreviewField, code: string, params?: Record<string, string | number>) => void

type RowReader = {
  table: InputTable
  cells: InputTable['rows'][number]['cells']
  max: number
  error: RowError
  num: (value: number) => string
}

function readPoints({ table, cells, max, error, num }: RowReader, col: number, field: PreviewField): number | null {
  const read = readNumberCell(table, cells, col)
  if ('problem' in read) {
    if (read.problem === 'extra-cells') error(field, 'self-assessment-extra-cells')
    else if (read.problem === 'formula') error(field, 'self-assessment-formula-without-result', { formula: read.raw })
    else error(field, 'self-assessment-not-number', { value: read.raw, column: field })
    return null
  }
  if (read.value < 0 || read.value > max)
    error(field, 'self-assessment-out-of-range', { value: num(read.value), max: num(max) })
  return read.value
}

/** The domains must add up to the total, compared in hundredths as published. */
function checkSum(
  row: PreviewRow,
  domains: Record<string, number | null>,
  error: RowError,
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

function finish(preview: SelfAssessmentPreview, errors: Notice[]): SelfAssessmentPreview {
  preview.errors = errors
  preview.errorCount = errors.length + preview.rows.filter((r) => r.error).length
  preview.ok = preview.errorCount === 0
  if (!preview.ok) {
    preview.values = {}
    preview.domainValues = {}
  }
  return preview
}
