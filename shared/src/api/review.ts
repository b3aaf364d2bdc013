import type { Response, ResponsePlace } from '../response/schema.ts'
import type { Voided } from './quality.ts'

/**
 * Wire shapes of supervisor review (`/api/review/*`): a stored response as it stands now (its raw
 * body, and the void and correction recorded against it), and a resend waiting for review.
 */
export type ReviewCorrection = {
  seq: number
  /** The conflict this correction resolved; null when entered directly. */
  conflictSeq: number | null
  at: string
  by: string | null
  reason: string
  response: Response
}

export type ReviewedResponse = ResponsePlace & {
  receivedAt: string
  receivedBy: string | null
  /** The stored (raw) response. */
  response: Response
  voided: Voided | null
  correction: ReviewCorrection | null
}

/** `GET /api/review/responses` */
export type ReviewPage = { responses: ReviewedResponse[]; nextCursor: string | null }
/** `POST /api/review/responses/:id/void|restore`, `POST /api/review/conflicts/:seq/resolve` */
export type ReviewReply = { response: ReviewedResponse }

export type PendingConflict = {
  seq: number
  responseId: string
  surveyId: string
  surveyVersion: number
  unitId: string
  receivedAt: string
  receivedBy: string | null
  hash: string
  /** The resend, validated, waiting for a supervisor. */
  proposed: Response
}
/** `GET /api/review/conflicts` */
export type ConflictPage = { conflicts: PendingConflict[]; nextCursor: string | null }
