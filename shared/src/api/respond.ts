import type { AnswerValue } from '../response/schema.ts'
import type { Survey } from '../survey/schema.ts'
import type { SittingGrant } from './sitting.ts'

/**
 * Wire shapes of `/api/respond/<code>`: a respondent without an account opens the questionnaire a
 * code grants (server/src/codes/respond.ts, server/src/register/sitting.ts) and sends their part.
 */

/** What a one-time access code opens: the survey and the one unit × group (× location) it is for. */
export type CodeGrant = {
  survey: Survey
  unitId: string
  groupId: string
  locationId: string | null
  /** When the code's batch stops being accepted (ISO); null when it never expires. */
  expiresAt: string | null
}

/** `GET /api/respond/<code>`: a one-time code's grant, or a personal code's sitting (several units). */
export type RespondOpenReply = CodeGrant | SittingGrant

/** Whether what `GET /api/respond/<code>` answered is a personal code's sitting. */
export const isSittingGrant = (grant: RespondOpenReply): grant is SittingGrant =>
  'kind' in grant && grant.kind === 'register'

/**
 * What an online respondent sends (`POST /api/respond/<code>` and, per unit of a sitting,
 * `POST /api/respond/<code>/units/<unitId>`): only their part of the response; survey, unit,
 * group, location and channel come from the code.
 */
export type RespondBody = {
  id: string
  answers: Record<string, AnswerValue>
  startedAt: string
  submittedAt: string
}
