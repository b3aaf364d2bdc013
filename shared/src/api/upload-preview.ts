import type { Survey } from '../survey/schema.ts'
import type { Notice } from './self-assessment.ts'

/**
 * What every upload preview (self-assessment, adjustments, register) says of the file as a whole;
 * each adds its rows and what it would store. Nothing is applied unless `ok`.
 */
export type UploadPreviewHead = {
  surveyId: string
  surveyVersion: number
  format: 'csv' | 'xlsx' | null
  /** True when neither the file nor any row has an error. */
  ok: boolean
  errorCount: number
  /** Problems with the file as a whole (unreadable, missing columns). */
  errors: Notice[]
  warnings: Notice[]
}

/** A preview not yet checked: of this survey, with the file's format (null when it could not be read). */
export function previewHead(survey: Survey, table: { format: 'csv' | 'xlsx' } | { code: string }): UploadPreviewHead {
  return {
    surveyId: survey.id,
    surveyVersion: survey.version,
    format: 'code' in table ? null : table.format,
    ok: false,
    errorCount: 0,
    errors: [],
    warnings: [],
  }
}

/** Closes a preview: the file's errors, and `ok` only when they and the rows' errors are none. */
export function settlePreview<P extends UploadPreviewHead>(preview: P, errors: Notice[], rowErrors: number): P {
  preview.errors = errors
  preview.errorCount = errors.length + rowErrors
  preview.ok = preview.errorCount === 0
  return preview
}
