import type { Survey } from '@parsurvey/shared'
import { previewSelfAssessment } from '../self-assessment/preview.ts'
import { readSelfAssessmentTable } from '../self-assessment/read-table.ts'
import { CliInputError, text } from './cli-error.ts'

/**
 * Reads appraised self-assessment points exactly as the import page does (one reader and one
 * check: self-assessment/read-table.ts and preview.ts): a CSV with `;`, tab or `,`, or the first
 * sheet of an XLSX; columns `unitId` and `selfAssessment` matched ignoring case, spaces, `_`, `-`;
 * decimals with `.` or `,`. A unit missing from the file has no self-assessment. Every error is
 * reported at once, naming its line and field; warnings (an extra column) are returned to print.
 */
export async function parseSelfAssessment(
  bytes: Uint8Array,
  file: string,
  survey: Survey,
): Promise<{ values: Map<string, number>; warnings: string[] }> {
  const preview = previewSelfAssessment(survey, await readSelfAssessmentTable(bytes, undefined), 'en')
  const errors = [
    ...preview.errors.map((e) => `${file}: ${e.message}`),
    ...preview.rows.flatMap((row) =>
      row.error
        ? [text('score-self-location', { file, line: row.line, field: row.error.field, message: row.error.message })]
        : [],
    ),
  ]
  if (errors.length > 0) throw new CliInputError(errors)
  return {
    values: new Map(Object.entries(preview.values)),
    warnings: preview.warnings.map((w) => `${file}: ${w.message}`),
  }
}
