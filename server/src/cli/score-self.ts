import { parse } from 'csv-parse/sync'
import type { Survey } from '@parsurvey/shared'
import { CliInputError, text } from './cli-error.ts'

const DECIMAL = /^\d+(\.\d+)?$/

type CsvRecord = { record: string[]; info: { lines: number } }

/**
 * Reads appraised self-assessment points from a CSV with the header `unitId,selfAssessment`
 * (UTF-8, BOM and CRLF accepted). A unit missing from the file has no self-assessment; a unit
 * not in the survey, a unit listed twice or a value outside [0, selfAssessmentPoints] is an error.
 * Every error of the file is reported at once, naming its line and field.
 */
export function parseSelfAssessment(csv: string, file: string, survey: Survey): Map<string, number> {
  let records: CsvRecord[]
  try {
    // With `info`, each record comes with its position; `lines` is the line the record ends on.
    records = parse(csv, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as CsvRecord[]
  } catch (error) {
    throw new CliInputError([
      `${file}: ${text('score-self-syntax', { detail: error instanceof Error ? error.message : String(error) })}`,
    ])
  }
  const errors: string[] = []
  const fail = (line: number, field: string, message: string): void => {
    errors.push(text('score-self-location', { file, line, field, message }))
  }
  const [header, ...rows] = records
  const columns = header?.record ?? []
  if (columns.length !== 2 || columns[0] !== 'unitId' || columns[1] !== 'selfAssessment') {
    fail(header?.info.lines ?? 1, 'header', text('score-self-header', { header: columns.join(',') }))
    throw new CliInputError(errors)
  }
  const units = new Set(survey.units.map((u) => u.id))
  const values = new Map<string, number>()
  const firstLines = new Map<string, number>()
  for (const { record, info } of rows) {
    const [unitId = '', value = ''] = record
    const line = info.lines
    if (!units.has(unitId)) {
      fail(line, 'unitId', text('score-self-unknown-unit', { unitId, surveyId: survey.id }))
      continue
    }
    const first = firstLines.get(unitId)
    if (first !== undefined) {
      fail(line, 'unitId', text('score-self-duplicate-unit', { unitId, first }))
      continue
    }
    firstLines.set(unitId, line)
    const points = Number(value)
    if (record.length !== 2 || !DECIMAL.test(value) || points > survey.selfAssessmentPoints) {
      fail(
        line,
        'selfAssessment',
        text('score-self-bad-value', { value: record.slice(1).join(','), max: survey.selfAssessmentPoints }),
      )
      continue
    }
    values.set(unitId, points)
  }
  if (errors.length > 0) throw new CliInputError(errors)
  return values
}
