import type { AnswerValue } from '../response/schema.ts'
import type { Survey } from '../survey/schema.ts'

/**
 * Wire shapes of a sitting: a person on the respondent register answering for several units with
 * one personal code (`/r/<code>`, server/src/register/sitting.ts).
 */

/** Answers of a unit not yet sent, as last saved on the server. */
export type SittingDraft = { answers: Record<string, AnswerValue>; updatedAt: string }

/** One unit the person rates: sent or not, and the saved draft while it is not. */
export type SittingUnit = { unitId: string; submitted: boolean; draft: SittingDraft | null }

/** `GET /api/respond/<code>` for a personal code: their survey, group and units (nothing that names them). */
export type SittingGrant = {
  kind: 'register'
  survey: Survey
  groupId: string
  units: SittingUnit[]
  /** The end of the round (ISO); null when the survey has none. */
  expiresAt: string | null
}

/** `PUT /api/respond/<code>/units/<unitId>/draft`: the answers so far (any may be blank). */
export type SittingDraftBody = { answers: Record<string, AnswerValue> }

/** The reply to a saved draft. */
export type SittingDraftSaved = { unitId: string; updatedAt: string }

/** Most bytes (UTF-8 JSON) a unit's saved draft may take. */
export const SITTING_DRAFT_MAX_BYTES = 64 * 1024
