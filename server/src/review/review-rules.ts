import { DomainError, type Response } from '@parsurvey/shared'
import { effectiveBody, type StoredConflict, type StoredReview } from '../db/review.ts'
import { canAccessUnit, type User } from '../db/users.ts'
import { shownValue } from '../http/shown-value.ts'

/**
 * The decisions of supervisor review, without storage: who may review what, which actions are
 * refused, and what the audit log records. The running SQLite server (review.ts) and the store
 * on the async boundary (storage/review-action-store.ts) both decide with these, inside their
 * transaction, on the state they read there.
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
export const mayReview = (user: User, unitId: string): boolean =>
  user.role === 'admin' || (user.role === 'supervisor' && canAccessUnit(user, unitId))

/**
 * The response found for `id` if `user` may review it. A response of another unit answers exactly
 * as an id that does not exist (404, same message): a review action must not tell a supervisor
 * whether another unit holds a response with an id they hold.
 */
export function reviewable(user: User, found: StoredReview | undefined, id: string): StoredReview {
  if (!found || !mayReview(user, found.unitId)) {
    throw new DomainError('review-response-not-found', { status: 404, params: { id: id.slice(0, 100) } })
  }
  return found
}

/** The paper form holding a response (double entry): which of its keyings counts. */
export type HoldingForm = { countedId: string | null; serialKey: string }

/**
 * Refuses a void of a voided response or a restore of a counting one (409), and the restore of a
 * paper keying that double entry holds back (another keying of its form counts).
 */
export function checkVoidChange(before: StoredReview, voided: boolean, form: HoldingForm | undefined): void {
  if ((before.void !== null) === voided) {
    throw new DomainError(voided ? 'review-response-already-voided' : 'review-response-not-voided', {
      status: 409,
      params: { id: before.id },
    })
  }
  if (!voided && form && form.countedId !== before.id) {
    throw new DomainError('paper-entry-held-not-restorable', {
      status: 409,
      params: { id: before.id, serial: form.serialKey },
    })
  }
}

export function voidAuditEntry(user: User, before: StoredReview, voided: boolean, reason: string) {
  return {
    userId: user.id,
    action: voided ? ('response-void' as const) : ('response-restore' as const),
    target: `response:${before.id}`,
    before: { voided: before.void !== null },
    after: { voided, reason },
  }
}

/** The conflict `seq` if `user` may settle it: 404 when it does not exist for them, 409 when settled. */
export function settleable<C extends StoredConflict & { resolved: boolean }>(
  user: User,
  conflict: C | undefined,
  seq: number,
): C {
  // A conflict about a response the user may not review does not exist for them either.
  if (!conflict || !mayReview(user, conflict.unitId)) {
    throw new DomainError('review-conflict-not-found', { status: 404, params: { seq } })
  }
  return conflict
}

/** Refuses a conflict already settled (checked after the response it concerns is found). */
export function checkUnresolved(conflict: { resolved: boolean }, seq: number): void {
  if (conflict.resolved) throw new DomainError('review-conflict-resolved', { status: 409, params: { seq } })
}

/**
 * Refuses to accept a resend for another survey, version or unit as a correction: that is a
 * different response and must be sent as one.
 */
export function checkCorrection(before: StoredReview, conflict: StoredConflict): void {
  const proposed = JSON.parse(conflict.body) as Response
  if (
    proposed.surveyId !== before.surveyId ||
    proposed.surveyVersion !== before.surveyVersion ||
    proposed.unitId !== before.unitId
  ) {
    throw new DomainError('review-conflict-moves-response', { status: 409, field: 'action' })
  }
}

export function conflictAuditEntry(
  user: User,
  seq: number,
  before: StoredReview,
  conflict: StoredConflict,
  action: Resolution,
  reason: string,
  correctionSeq: number | null,
) {
  return {
    userId: user.id,
    action: `conflict-${action}` as const,
    target: `conflict:${seq}`,
    before: { responseId: before.id, effective: JSON.parse(effectiveBody(before)) as unknown },
    after: {
      action,
      reason,
      correctionSeq,
      ...(action === 'accept-new' ? { effective: JSON.parse(conflict.body) as unknown } : {}),
    },
  }
}
