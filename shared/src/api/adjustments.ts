import type { Adjustment } from '../scoring/adjustments.ts'
import type { Notice } from './self-assessment.ts'
import type { UploadPreviewHead } from './upload-preview.ts'

/** Wire shapes of `/api/adjustments` (bonus and penalty points: server checks and stores, admin page reads). */

export type AdjustmentPreviewRow = {
  line: number
  unitId: string
  points: number | null
  reason: string
  error?: Notice & { field: 'unitId' | 'points' | 'reason' }
  /** The row repeats an earlier one (same unit, points and reason): it still counts, but is shown. */
  warning?: Notice
}

/** What an import would do, row by row; `adjustments` is what would be stored when `ok`. */
export type AdjustmentsPreview = UploadPreviewHead & {
  rows: AdjustmentPreviewRow[]
  adjustments: Adjustment[]
}

/** One import: the whole list of a survey version's adjustments, replacing the previous list. */
export type AdjustmentSet = {
  setVersion: number
  appliedAt: string
  appliedBy: string | null
  source: string
  /** Rows in the set (0 when an import cleared every adjustment). */
  rows: number
}

export type AdjustmentsState = {
  surveyId: string
  surveyVersion: number
  current: (AdjustmentSet & { adjustments: Adjustment[] }) | null
  history: AdjustmentSet[]
}

/** `POST /api/adjustments/apply` (201): the list now in force, and what the preview warned about. */
export type AdjustmentsApplied = AdjustmentsState & { warnings: Notice[] }
