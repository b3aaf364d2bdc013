import { DomainError, responseContributions, type Response } from '@parsurvey/shared'
import { effectiveBody, type StoredReview } from '../db/review.ts'
import { canAccessUnit, type User } from '../db/users.ts'
import type { Services } from '../services.ts'
import { shownValue } from '../http/shown-value.ts'

/**
 * Supervisor review: void, restore, and conflict resolution. Nothing here modifies a stored
 * response: each action adds a row (db/review.ts), changes the aggregates by exactly the
 * difference it makes to the effective responses (db/effective-responses.ts), and writes its
 * audit entry — all in one transaction, so scores always equal a rebuild.
 */

export const MAX_REASON_LENGTH = 1000
export const RESOLUTIONS = ['keep-original', 'accept-new'] as const
export type Resolution = (typeof RESOLUTIONS)[number]

export function parseReason(value: unknown): string {
  const reason = typeof value === 'string' ? value.trim() : ''
  if (reason === '') throw new DomainError('required-field', { field: 'reason' })
  if (reason.length > MAX_REASON_LENGTH)
    throw new DomainError('review-reason-too-long', { field: 'reason', params: { max: MAX_REASON_LENGTH } })
  return reason
}

export function parseResolution(value: unknown): Resolution {
  if (value === undefined || value === null || value === '')
    throw new DomainError('required-field', { field: 'action' })
  if (!RESOLUTIONS.includes(value as Resolution)) {
    throw new DomainError('review-action-unknown', { field: 'action', params: { action: shownValue(value) } })
  }
  return value as Resolution
}

/** Admins review every unit; a supervisor only the units assigned to them. */
const mayReview = (user: User, unitId: string): boolean =>
  user.role === 'admin' || (user.role === 'supervisor' && canAccessUnit(user, unitId))

/**
 * The response `id` if `user` may review it. A response of another unit answers exactly as an
 * id that does not exist (404, same message): a review action must not tell a supervisor
 * whether another unit holds a response with an id they hold.
 */
function mustFindReviewable(services: Services, user: User, id: string): StoredReview {
  const found = services.review.find(services.responses.storedIdOf(id))
  if (!found || !mayReview(user, found.unitId)) {
    throw new DomainError('review-response-not-found', { status: 404, params: { id: id.slice(0, 100) } })
  }
  return found
}

/** Adds (1) or removes (-1) the contribution of `body`, a response of `r`'s survey version. */
function count(services: Services, r: StoredReview, body: string, sign: 1 | -1): void {
  const found = services.surveys.get(r.surveyId, r.surveyVersion)
  if (!found) throw new Error(`survey ${r.surveyId}@${r.surveyVersion} of response ${r.id} is not published`)
  const response = JSON.parse(body) as Response
  services.aggregates.add(
    { surveyId: r.surveyId, surveyVersion: r.surveyVersion },
    responseContributions(found.survey, response),
    sign,
  )
  services.progressCounts.addStored(r.id, response.submittedAt, sign)
}

/** Voids a response (it stops counting) or restores a voided one; refuses a no-op with 409. */
export function setResponseVoided(
  services: Services,
  user: User,
  id: string,
  voided: boolean,
  reasonInput: unknown,
  now = new Date(),
): StoredReview {
  const reason = parseReason(reasonInput)
  return services.db.transaction(() => {
    const before = mustFindReviewable(services, user, id)
    const isVoided = before.void !== null
    if (isVoided === voided) {
      throw new DomainError(voided ? 'review-response-already-voided' : 'review-response-not-voided', {
        status: 409,
        params: { id: before.id },
      })
    }
    const form = voided ? undefined : services.paperForms.formOfResponse(before.id)
    if (form && form.countedId !== before.id) {
      throw new DomainError('paper-entry-held-not-restorable', {
        status: 409,
        params: { id: before.id, serial: form.serialKey },
      })
    }
    services.review.addVoid(before.id, voided ? 'void' : 'restore', reason, user.id, now.toISOString())
    count(services, before, effectiveBody(before), voided ? -1 : 1)
    services.audit.record(
      {
        userId: user.id,
        action: voided ? 'response-void' : 'response-restore',
        target: `response:${before.id}`,
        before: { voided: isVoided },
        after: { voided, reason },
      },
      now,
    )
    return mustFindReviewable(services, user, before.id)
  })()
}

/**
 * Settles a conflicting resend. `keep-original` only records the decision. `accept-new` stores
 * the resend as a correction of the response (its latest correction is what counts from now on)
 * and moves the aggregates from the old content to the new one — unless the response is voided,
 * when nothing counts either way. A resend for another survey, version or unit cannot correct
 * the response: that is a different response and must be sent as one.
 */
export function resolveConflict(
  services: Services,
  user: User,
  seq: number,
  fields: Record<string, unknown>,
  now = new Date(),
): StoredReview {
  const action = parseResolution(fields.action)
  const reason = parseReason(fields.reason)
  return services.db.transaction(() => {
    const conflict = services.review.conflict(seq)
    // A conflict about a response the user may not review does not exist for them either.
    if (!conflict || !mayReview(user, conflict.unitId)) {
      throw new DomainError('review-conflict-not-found', { status: 404, params: { seq } })
    }
    const before = mustFindReviewable(services, user, conflict.responseId)
    if (conflict.resolved) throw new DomainError('review-conflict-resolved', { status: 409, params: { seq } })
    const at = now.toISOString()
    const oldBody = effectiveBody(before)
    let correctionSeq: number | null = null
    if (action === 'accept-new') {
      const proposed = JSON.parse(conflict.body) as Response
      if (
        proposed.surveyId !== before.surveyId ||
        proposed.surveyVersion !== before.surveyVersion ||
        proposed.unitId !== before.unitId
      ) {
        throw new DomainError('review-conflict-moves-response', { status: 409, field: 'action' })
      }
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
        count(services, before, oldBody, -1)
        count(services, before, conflict.body, 1)
      }
    }
    services.review.resolve(seq, action, reason, user.id, at)
    services.audit.record(
      {
        userId: user.id,
        action: `conflict-${action}`,
        target: `conflict:${seq}`,
        before: { responseId: before.id, effective: JSON.parse(oldBody) as unknown },
        after: {
          action,
          reason,
          correctionSeq,
          ...(action === 'accept-new' ? { effective: JSON.parse(conflict.body) as unknown } : {}),
        },
      },
      now,
    )
    return mustFindReviewable(services, user, before.id)
  })()
}
