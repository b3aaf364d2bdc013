import {
  canonicalResponseJson,
  DomainError,
  mergeKeyings,
  validateResponse,
  type Response,
  type Survey,
} from '@parsurvey/shared'
import type { StoredKeying, StoredPaperForm } from '../db/paper-forms.ts'
import { canAccessUnit, type User } from '../db/users.ts'
import { parseReason } from '../review/review-rules.ts'

/**
 * The rules of settling a paper form under double entry (docs/paper-forms.md), one copy for both
 * engines: paper/double-entry.ts on SQLite, storage/paper-settle-store.ts on PostgreSQL. Each
 * decides with these inside its transaction, after reading the form and its keyings there.
 */

/** What a supervisor asks: the `base` keying, per question the keying to take its answer from, why. */
export type SettleRequest = { base: number; picks: (readonly [string, number])[]; reason: string }

/**
 * What settling writes: the keying that counts, the body it counts with (a correction when it
 * differs) and the survey version it is counted in.
 */
export type Settlement = { responseId: string; body: string; corrected: boolean; survey: Survey }

/** Admins settle every unit's forms; a supervisor only those of their units. */
export const maySettle = (user: User, unitId: string): boolean =>
  user.role === 'admin' || (user.role === 'supervisor' && canAccessUnit(user, unitId))

const notFound = (id: number | string) =>
  new DomainError('paper-entry-form-not-found', { status: 404, params: { id: String(id).slice(0, 20) } })

/** The form if `user` may review it (analysts read, settlers settle); any other answers as one that does not exist. */
export function visibleForm<F extends StoredPaperForm>(form: F | undefined, user: User, id: number): F {
  if (!form || !(user.role === 'analyst' || maySettle(user, form.unitId))) throw notFound(id)
  return form
}

function readKeyingNumber(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') throw new DomainError('required-field', { field })
  const n = typeof value === 'string' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new DomainError('paper-entry-keying-unknown', { field, params: { keying: String(value).slice(0, 20) } })
  }
  return n
}

/** The request body `{ base, picks?, reason }` checked, each bad field named (400). */
export function parseSettleRequest(fields: Record<string, unknown>): SettleRequest {
  const base = readKeyingNumber(fields.base, 'base')
  const picksInput = fields.picks ?? {}
  if (typeof picksInput !== 'object' || picksInput === null || Array.isArray(picksInput)) {
    throw new DomainError('invalid-request', { field: 'picks' })
  }
  const picks = Object.entries(picksInput).map(([q, k]) => [q, readKeyingNumber(k, `picks.${q}`)] as const)
  return { base, picks, reason: parseReason(fields.reason) }
}

/**
 * Decides a settling: `user` may settle the form, it is still open, the keyings named exist, and
 * the base keying with the picked answers is a valid response of the base keying's `survey`.
 */
export function settleDecision(
  user: User,
  form: StoredPaperForm,
  keyings: readonly StoredKeying[],
  surveyOf: (response: Response) => Survey,
  request: SettleRequest,
): Settlement {
  if (!maySettle(user, form.unitId)) throw notFound(form.id)
  if (form.state === 'matched' || form.state === 'resolved') {
    throw new DomainError('paper-entry-form-settled', { status: 409, params: { serial: form.serialKey } })
  }
  const find = (n: number, field: string) => {
    const found = keyings.find((k) => k.keying === n)
    if (!found) throw new DomainError('paper-entry-keying-unknown', { status: 422, field, params: { keying: n } })
    return { ...found, response: JSON.parse(found.body) as Response }
  }
  const baseKeying = find(request.base, 'base')
  const survey = surveyOf(baseKeying.response)
  const questionIds = new Set(survey.questions.map((q) => q.id))
  const picked: Record<string, Response> = {}
  for (const [questionId, n] of request.picks) {
    const field = `picks.${questionId}`
    if (!questionIds.has(questionId)) {
      throw new DomainError('response-unknown-question', { status: 422, field, params: { questionId } })
    }
    const from = find(n, field)
    if (from.response.surveyVersion !== survey.version) {
      throw new DomainError('paper-entry-pick-other-version', { status: 409, field, params: { keying: n } })
    }
    picked[questionId] = from.response
  }
  const validation = validateResponse(survey, mergeKeyings(baseKeying.response, picked))
  if (!validation.ok) {
    const [issue] = validation.issues
    throw new DomainError(issue?.code ?? 'invalid-request', { status: 422, field: issue?.field, params: issue?.params })
  }
  const body = canonicalResponseJson(validation.response)
  return { responseId: baseKeying.responseId, body, corrected: body !== baseKeying.body, survey }
}

/** Another settler (here or on another server) settled the form first. */
export const alreadySettled = (form: StoredPaperForm) =>
  new DomainError('paper-entry-form-settled', { status: 409, params: { serial: form.serialKey } })

/** The audit entry of a settling. */
export function settleAuditEntry(user: User, form: StoredPaperForm, settlement: Settlement, request: SettleRequest) {
  return {
    userId: user.id,
    action: 'paper-form-resolve' as const,
    target: `paper-form:${form.id}`,
    before: { state: form.state, serialKey: form.serialKey },
    after: {
      state: 'resolved',
      responseId: settlement.responseId,
      base: request.base,
      picks: Object.fromEntries(request.picks),
      reason: request.reason,
    },
  }
}
