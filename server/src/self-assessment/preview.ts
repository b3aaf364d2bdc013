import {
  formatMessage,
  type Locale,
  type Notice,
  type PreviewRow,
  type SelfAssessmentPreview,
  type Survey,
} from '@parsurvey/shared'
import type { RawCell, RawTable, TableProblem } from './read-table.ts'

/** "76,5" and "76.5" are both 76.5; anything else that is not a plain decimal is refused. */
const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/

/** Column names are matched without case, spaces, "_" or "-": "unit_id" is "unitId". */
const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '')

/** Checks a read table against the survey: every row's problem at once, in the reader's language. */
export function previewSelfAssessment(
  survey: Survey,
  table: RawTable | TableProblem,
  locale: Locale,
): SelfAssessmentPreview {
  const notice = (code: string, params: Record<string, string | number> = {}): Notice => ({
    code,
    message: formatMessage(code, params, locale),
  })
  const preview: SelfAssessmentPreview = {
    surveyId: survey.id,
    surveyVersion: survey.version,
    format: 'code' in table ? null : table.format,
    ok: false,
    errorCount: 0,
    errors: [],
    warnings: [],
    rows: [],
    missingUnits: [],
    values: {},
  }
  if ('code' in table) return finish(preview, [notice(table.code, table.params)])

  const names = table.header.map(normalise)
  const unitCol = names.indexOf('unitid')
  const valueCol = names.indexOf('selfassessment')
  const missing = [
    ...(unitCol < 0 ? [notice('self-assessment-missing-column', { column: 'unitId' })] : []),
    ...(valueCol < 0 ? [notice('self-assessment-missing-column', { column: 'selfAssessment' })] : []),
  ]
  if (missing.length > 0) return finish(preview, missing)
  table.header.forEach((name, i) => {
    if (i !== unitCol && i !== valueCol && name !== '')
      preview.warnings.push(notice('self-assessment-extra-column', { column: name }))
  })

  const units = new Set(survey.units.map((u) => u.id))
  const firstLines = new Map<string, number>()
  for (const { line, cells } of table.rows) {
    const unitId = textOf(cells[unitCol])
    const raw = cells[valueCol]
    const value = numberOf(raw)
    const row: PreviewRow = { line, unitId, value }
    const error = (field: 'unitId' | 'selfAssessment', code: string, params: Record<string, string | number> = {}) => {
      row.error ??= { ...notice(code, params), field }
    }
    const first = firstLines.get(unitId)
    if (unitId === '') error('unitId', 'self-assessment-missing-unit')
    else if (!units.has(unitId)) error('unitId', 'self-assessment-unknown-unit', { unitId })
    else if (first !== undefined) error('unitId', 'self-assessment-duplicate-unit', { unitId, firstLine: first })
    else firstLines.set(unitId, line)
    // Cells past the header's width mean the file's separators were misread: never guess a value.
    if (table.format === 'csv' && cells.length > table.header.length)
      error('selfAssessment', 'self-assessment-extra-cells')
    else if (typeof raw === 'object')
      error('selfAssessment', 'self-assessment-formula-without-result', { formula: raw.formula })
    else if (value === null) error('selfAssessment', 'self-assessment-not-number', { value: raw ?? '' })
    else if (value < 0 || value > survey.selfAssessmentPoints)
      error('selfAssessment', 'self-assessment-out-of-range', { value, max: survey.selfAssessmentPoints })
    if (!row.error) preview.values[unitId] = value!
    preview.rows.push(row)
  }
  if (table.rows.length === 0) return finish(preview, [notice('self-assessment-empty')])
  preview.missingUnits = survey.units.map((u) => u.id).filter((id) => !firstLines.has(id))
  return finish(preview, [])
}

function finish(preview: SelfAssessmentPreview, errors: Notice[]): SelfAssessmentPreview {
  preview.errors = errors
  preview.errorCount = errors.length + preview.rows.filter((r) => r.error).length
  preview.ok = preview.errorCount === 0
  if (!preview.ok) preview.values = {}
  return preview
}

function textOf(cell: RawCell | undefined): string {
  if (cell === undefined || typeof cell === 'object') return ''
  return String(cell).trim()
}

function numberOf(cell: RawCell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null
  if (typeof cell !== 'string' || !DECIMAL.test(cell.trim())) return null
  return Number(cell.trim().replace(',', '.'))
}
