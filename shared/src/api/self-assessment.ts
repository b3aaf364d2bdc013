import type { ApiErrorBody } from '../sync/protocol.ts'
import type { UploadPreviewHead } from './upload-preview.ts'

/** Wire shapes of `POST /api/self-assessment/preview` and `/apply` (server computes, import page reads). */

export type Notice = { code: string; message: string }

/** One applied import: the sets of a survey version are append-only, the latest one counts. */
export type SelfAssessmentSet = {
  setVersion: number
  appliedAt: string
  appliedBy: string | null
  source: string
  units: number
}

/** The latest set with its points. */
export type SelfAssessmentValues = SelfAssessmentSet & {
  values: Record<string, number>
  /** Unit id → domain id → points, for the units the import gave per-domain points (else empty). */
  domains: Record<string, Record<string, number>>
}

/** `GET /api/self-assessment?surveyId=&version=`: the set in force and every earlier one. */
export type SelfAssessmentState = {
  surveyId: string
  surveyVersion: number
  current: SelfAssessmentValues | null
  history: SelfAssessmentSet[]
}

/** `unitId`, `selfAssessment`, or `domain:<criterionId>` for a domain column. */
export type PreviewField = 'unitId' | 'selfAssessment' | `domain:${string}`

export type PreviewRow = {
  line: number
  unitId: string
  value: number | null
  /** Domain id → points, when the file has domain columns (null where the cell is unusable). */
  domains?: Record<string, number | null>
  error?: Notice & { field: PreviewField }
}

/** What an import would do, row by row; `values` (and `domainValues`) is what would be stored when `ok`. */
export type SelfAssessmentPreview = UploadPreviewHead & {
  /** Ids of the top-level criteria (domains) the file has a `domain:<id>` column for, in tree order. */
  domains: string[]
  rows: PreviewRow[]
  /** Units of the survey the file does not list: they will have no self-assessment. */
  missingUnits: string[]
  values: Record<string, number>
  /** Unit id → domain id → points, when the file has domain columns. */
  domainValues: Record<string, Record<string, number>>
}

/** `POST /api/self-assessment/apply` (201): the set now in force, and what the preview warned about. */
export type SelfAssessmentApplied = {
  surveyId: string
  surveyVersion: number
  current: SelfAssessmentValues | null
  warnings: Notice[]
  missingUnits: string[]
}

/**
 * A score-input import refused (422, self-assessment or adjustments): the error, with the preview
 * that says which rows are wrong.
 */
export type ScoreInputRefusal<P> = ApiErrorBody & { preview: P }
