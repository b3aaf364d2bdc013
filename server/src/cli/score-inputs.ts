import { readFile } from 'node:fs/promises'
import { previewAdjustments, previewSelfAssessment, type Adjustment, type Notice, type Survey } from '@parsurvey/shared'
import { readScoreInputTable } from '../self-assessment/read-table.ts'
import { CliInputError, text } from './cli-error.ts'
import { resolveUserPath } from './survey-file.ts'

export type SelfAssessmentInput = {
  values: Map<string, number>
  /** Unit id → domain id → points, when the file has `domain:<id>` columns. */
  domains: Record<string, Record<string, number>>
}

type Checked = {
  errors: Notice[]
  warnings: Notice[]
  rows: { line: number; error?: Notice & { field: string } }[]
}

/**
 * `--self` (CSV or XLSX): checked by the same rules as the web app's import
 * (shared/src/score-inputs). Every error of the file is reported at once, naming line and field.
 */
export async function readSelfAssessmentFile(file: string, survey: Survey): Promise<SelfAssessmentInput> {
  const preview = previewSelfAssessment(survey, await readInput(file, 'self-assessment'), 'en')
  report(file, preview)
  return { values: new Map(Object.entries(preview.values)), domains: preview.domainValues }
}

/** `--adjustments` (CSV or XLSX, `unitId,points,reason`): checked as the web app's import. */
export async function readAdjustmentsFile(file: string, survey: Survey): Promise<Adjustment[]> {
  const preview = previewAdjustments(survey, await readInput(file, 'adjustments'), 'en')
  report(file, preview)
  return preview.adjustments
}

async function readInput(file: string, kind: 'self-assessment' | 'adjustments') {
  let bytes: Uint8Array
  try {
    bytes = await readFile(resolveUserPath(file))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new CliInputError([text('score-unreadable-file', { file, reason })])
  }
  return readScoreInputTable(bytes, undefined, kind)
}

/** Warnings go to stderr; errors stop the command (exit 2). */
function report(file: string, checked: Checked): void {
  for (const warning of checked.warnings) process.stderr.write(`${file}: ${warning.message}\n`)
  const errors = [
    ...checked.errors.map((e) => `${file}: ${e.message}`),
    ...checked.rows.flatMap(({ line, error }) =>
      error ? [text('score-self-location', { file, line, field: error.field, message: error.message })] : [],
    ),
  ]
  if (errors.length > 0) throw new CliInputError(errors)
}
