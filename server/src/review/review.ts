import { responseContributions, type Response } from '@parsurvey/shared'
import { effectiveBody, type StoredReview } from '../db/review.ts'
import type { User } from '../db/users.ts'
import type { Services } from '../services.ts'
import {
  checkCorrection,
  checkUnresolved,
  checkVoidChange,
  conflictAuditEntry,
  parseReason,
  reviewable,
  settleable,
  voidAuditEntry,
  type Resolution,
} from './review-rules.ts'

export { MAX_REASON_LENGTH, parseReason, parseResolution, RESOLUTIONS, type Resolution } from './review-rules.ts'

/** What the SQLite actions use: the repositories they write in one transaction. */
type ReviewServices = Pick<Services, 'db' | 'sqlite' | 'review' | 'paperForms'>

/**
 * Supervisor review on the running SQLite server: void, restore, and conflict resolution.
 * Nothing here modifies a stored response: each action adds a row (db/review.ts), changes the
 * aggregates by exactly the difference it makes to the effective responses
 * (db/effective-responses.ts), and writes its audit entry — all in one transaction, so scores
 * always equal a rebuild. The decisions are review-rules.ts', shared with the store on the async
 * boundary (storage/review-action-store.ts), which has the same methods.
 */
export function reviewActions(services: ReviewServices) {
  const find = (user: User, id: string): StoredReview =>
    reviewable(user, services.review.find(services.sqlite.responses.storedIdOf(id)), id)

  /** Adds (1) or removes (-1) the contribution of `body`, a response of `r`'s survey version. */
  function count(r: StoredReview, body: string, sign: 1 | -1): void {
    const found = services.sqlite.surveys.get(r.surveyId, r.surveyVersion)
    if (!found) throw new Error(`survey ${r.surveyId}@${r.surveyVersion} of response ${r.id} is not published`)
    const response = JSON.parse(body) as Response
    services.sqlite.aggregates.add(
      { surveyId: r.surveyId, surveyVersion: r.surveyVersion },
      responseContributions(found.survey, response),
      sign,
    )
    services.sqlite.progressCounts.addStored(r.id, response.submittedAt, sign)
  }

  return {
    /** Voids a response (it stops counting) or restores a voided one; refuses a no-op with 409. */
    setVoided(user: User, id: string, voided: boolean, reason: string, now = new Date()): StoredReview {
      return services.db.transaction(() => {
        const before = find(user, id)
        const form = voided ? undefined : services.paperForms.formOfResponse(before.id)
        checkVoidChange(before, voided, form)
        services.review.addVoid(before.id, voided ? 'void' : 'restore', reason, user.id, now.toISOString())
        count(before, effectiveBody(before), voided ? -1 : 1)
        services.sqlite.audit.record(voidAuditEntry(user, before, voided, reason), now)
        return find(user, before.id)
      })()
    },

    /**
     * Settles a conflicting resend. `keep-original` only records the decision. `accept-new` stores
     * the resend as a correction of the response (its latest correction is what counts from now
     * on) and moves the aggregates from the old content to the new one — unless the response is
     * voided, when nothing counts either way.
     */
    resolveConflict(user: User, seq: number, action: Resolution, reason: string, now = new Date()): StoredReview {
      return services.db.transaction(() => {
        const conflict = settleable(user, services.review.conflict(seq), seq)
        const before = find(user, conflict.responseId)
        checkUnresolved(conflict, seq)
        const at = now.toISOString()
        let correctionSeq: number | null = null
        if (action === 'accept-new') {
          checkCorrection(before, conflict)
          correctionSeq = services.review.addCorrection({
            responseId: before.id,
            conflictSeq: seq,
            body: conflict.body,
            hash: conflict.hash,
            reason,
            userId: user.id,
            at,
          })
          if (before.void === null) {
            count(before, effectiveBody(before), -1)
            count(before, conflict.body, 1)
          }
        }
        services.review.resolve(seq, action, reason, user.id, at)
        services.sqlite.audit.record(
          conflictAuditEntry(user, seq, before, conflict, action, reason, correctionSeq),
          now,
        )
        return find(user, before.id)
      })()
    },
  }
}
export type ReviewActions = ReturnType<typeof reviewActions>

/** Voids or restores a response (the reason checked first); see `reviewActions`. */
export function setResponseVoided(
  services: ReviewServices,
  user: User,
  id: string,
  voided: boolean,
  reasonInput: unknown,
  now = new Date(),
): StoredReview {
  return reviewActions(services).setVoided(user, id, voided, parseReason(reasonInput), now)
}
