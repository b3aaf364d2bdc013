/** Wire shapes of `POST /api/self-assessment/preview` and `/apply` (server computes, import page reads). */

export type Notice = { code: string; message: string }

export type PreviewRow = {
  line: number
  unitId: string
  value: number | null
  error?: Notice & { field: 'unitId' | 'selfAssessment' }
}

/** What an import would do, row by row; `values` is what would be stored when `ok`. */
export type SelfAssessmentPreview = {
  surveyId: string
  surveyVersion: number
  format: 'csv' | 'xlsx' | null
  ok: boolean
  errorCount: number
  /** Problems with the file as a whole (unreadable, missing columns). */
  errors: Notice[]
  warnings: Notice[]
  rows: PreviewRow[]
  /** Units of the survey the file does not list: they will have no self-assessment. */
  missingUnits: string[]
  values: Record<string, number>
}
