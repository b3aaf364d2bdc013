import { hash as digest } from 'node:crypto'
import {
  canonicalResponseJson,
  compareKeyings,
  DomainError,
  isPlainObject,
  paperSerialKey,
  responseContributions,
  type PaperEntryReceipt,
  type PaperFormState,
  type Response,
  type Survey,
} from '@parsurvey/shared'
import type { StoredPaperForm } from '../db/paper-forms.ts'
import { effectiveBody } from '../db/review.ts'
import type { User } from '../db/users.ts'
import type { Services } from '../services.ts'
import { alreadySettled, settleAuditEntry, settleDecision, visibleForm, type SettleRequest } from './settle-rules.ts'

/**
 * Double entry of paper forms (docs/paper-forms.md). In a survey that asks for it, every paper
 * response is a keying of the form its serial names (by `paperSerialKey`). A keying is stored as
 * any response (acknowledged, durable, idempotent by id) and held at once: voided with reason
 * `paper-entry-held`, in the storing transaction, so it never counts on its own. The first keying
 * that agrees with an earlier one (`compareKeyings`) restores that earlier one: the form counts
 * exactly once. Everything runs inside one write transaction, so two keyings arriving together
 * are compared one after the other, never both against an empty form.
 */

export type PaperEntryServices = Pick<Services, 'db' | 'paperForms' | 'review' | 'sqlite'>

/** The reasons of a keying's void while it waits, and of its restore when a later one agrees. */
export const HELD = 'paper-entry-held'
export const MATCHED = 'paper-entry-matched'

/** Adds (1) or removes (-1) the contribution of `body`, a stored response `responseId`. */
function count(services: PaperEntryServices, survey: Survey, responseId: string, body: string, sign: 1 | -1): void {
  const response = JSON.parse(body) as Response
  services.sqlite.aggregates.add(
    { surveyId: survey.id, surveyVersion: survey.version },
    responseContributions(survey, response),
    sign,
  )
  services.sqlite.progressCounts.addStored(responseId, response.submittedAt, sign)
}

function surveyOf(services: PaperEntryServices, response: Pick<Response, 'surveyId' | 'surveyVersion'>): Survey {
  const found = services.sqlite.surveys.get(response.surveyId, response.surveyVersion)
  if (!found) throw new Error(`survey ${response.surveyId}@${response.surveyVersion} is not published`)
  return found.survey
}

/** Whether `response` must wait for a second keying: a paper form in a survey with double entry. */
export function needsDoubleEntry(services: Pick<Services, 'paperForms'>, response: Response): boolean {
  return response.channel === 'paper' && services.paperForms.doubleEntry(response.surveyId)
}

/**
 * Refuses a paper response without a serial in a survey with double entry (nothing to pair it
 * with); `keyedTwice` is whether `response` needs double entry (`needsDoubleEntry`).
 */
export function serialRequired(keyedTwice: boolean, response: Response): DomainError | null {
  return keyedTwice && !response.paperSerial
    ? new DomainError('paper-entry-serial-required', { field: 'paperSerial' })
    : null
}

const receipt = (form: StoredPaperForm, keying: number): PaperEntryReceipt => ({
  formId: form.id,
  state: form.state,
  keying,
})

/** Where the form of an already stored keying stands (a resent keying's receipt). */
export function paperEntryOf(services: Pick<Services, 'paperForms'>, responseId: string): PaperEntryReceipt | null {
  const form = services.paperForms.formOfResponse(responseId)
  return form ? receipt(form, form.keying) : null
}

/**
 * Records a paper response just stored (new id) as a keying of its form, inside the storing
 * transaction; null when the survey does not ask for double entry.
 */
export function keyPaperForm(
  services: PaperEntryServices,
  survey: Survey,
  response: Response,
  at: string,
): PaperEntryReceipt | null {
  if (!needsDoubleEntry(services, response) || !response.paperSerial) return null
  const { paperForms, review } = services
  const serialKey = paperSerialKey(response.paperSerial)
  // Creates the form or locks it: its keyings are numbered and compared one at a time.
  const formId = paperForms.openForm(response.surveyId, serialKey, at)
  const earlier = paperForms.keyings(formId)
  const keying = earlier.length + 1
  paperForms.addKeying(response.id, formId, keying)
  review.addVoid(response.id, 'void', HELD, null, at)
  count(services, survey, response.id, canonicalResponseJson(response), -1)

  const next = keyingDecision(survey, response, paperForms.form(formId)!.state, earlier)
  if (next?.agreeing) {
    const stored = review.find(next.agreeing)
    if (!stored) throw new Error(`keying ${next.agreeing} is not stored`)
    review.addVoid(next.agreeing, 'restore', MATCHED, null, at)
    count(services, surveyOf(services, stored), next.agreeing, effectiveBody(stored), 1)
  }
  if (next) paperForms.setState(formId, next.state, next.agreeing, at)
  return receipt(paperForms.form(formId)!, keying)
}

/**
 * What a new keying `response` does to its form, in state `state` with the `earlier` keyings
 * (on both engines: here and storage/paper-keying.ts). A form still open is matched (or, after a
 * conflict, resolved) by the first earlier keying that agrees with it (`compareKeyings`), which is
 * restored and counted (`agreeing`); else it awaits a second keying or is in conflict. A settled
 * form stays as it is (null).
 */
export function keyingDecision(
  survey: Survey,
  response: Response,
  state: PaperFormState,
  earlier: readonly { responseId: string; body: string }[],
): { state: PaperFormState; agreeing: string | null } | null {
  if (state !== 'awaiting' && state !== 'conflict') return null
  const order = survey.questions.map((q) => q.id)
  const agreeing = earlier.find((k) => compareKeyings(JSON.parse(k.body) as Response, response, order).length === 0)
  if (agreeing) return { state: state === 'awaiting' ? 'matched' : 'resolved', agreeing: agreeing.responseId }
  return { state: earlier.length === 0 ? 'awaiting' : 'conflict', agreeing: null }
}

/** The form `id` if `user` may review it; any other answers as a form that does not exist. */
export function mustFindForm(services: Pick<Services, 'paperForms'>, user: User, id: number): StoredPaperForm {
  return visibleForm(Number.isSafeInteger(id) ? services.paperForms.form(id) : undefined, user, id)
}

/**
 * Settles a form awaiting a second keying or in conflict (settle-rules.ts decides): the `base`
 * keying, with the answer of each question in `picks` taken from the keying named there, becomes
 * what counts. When the merged form differs from the base keying it is stored as that keying's
 * correction (the base response stays as keyed). Audited; one transaction.
 */
export function resolvePaperForm(
  services: PaperEntryServices,
  user: User,
  formId: number,
  request: SettleRequest,
  now = new Date(),
): StoredPaperForm {
  const at = now.toISOString()
  return services.db.transaction(() => {
    const form = mustFindForm(services, user, formId)
    const settlement = settleDecision(
      user,
      form,
      services.paperForms.keyings(form.id),
      (r) => surveyOf(services, r),
      request,
    )
    const { responseId, body } = settlement
    // The decision: only a form still open is settled, once, whatever another server does.
    if (!services.paperForms.settle(form.id, responseId, at)) throw alreadySettled(form)
    if (settlement.corrected) {
      services.review.addCorrection({
        responseId,
        conflictSeq: null,
        body,
        hash: digest('sha256', body, 'hex'),
        reason: request.reason,
        userId: user.id,
        at,
      })
    }
    services.review.addVoid(responseId, 'restore', request.reason, user.id, at)
    count(services, settlement.survey, responseId, body, 1)
    services.sqlite.audit.record(settleAuditEntry(user, form, settlement, request), now)
    return services.paperForms.form(form.id)!
  })()
}

/**
 * Turns double entry on or off for every version of `surveyId` from the request body
 * `{ "enabled": true | false }` (anything else: 400 naming `enabled`), audited (action
 * survey-double-entry-set). Turning it off lets new paper keyings count at once; forms already
 * waiting stay held until a supervisor settles them.
 */
export async function setDoubleEntry(
  services: Pick<Services, 'surveys' | 'paperFormActions'>,
  surveyId: string,
  body: unknown,
  userId: number | null,
  now = new Date(),
): Promise<boolean> {
  const enabledInput = isPlainObject(body) ? body.enabled : undefined
  if (typeof enabledInput !== 'boolean') throw new DomainError('paper-entry-enabled-invalid', { field: 'enabled' })
  if (!(await services.surveys.latest(surveyId)))
    throw new DomainError('survey-id-not-found', { status: 404, field: 'surveyId', params: { id: surveyId } })
  // The setting and its audit entry are one transaction (db/paper-forms.ts, storage/paper-form-store.ts).
  await services.paperFormActions.setDoubleEntry(surveyId, enabledInput, userId, now)
  return enabledInput
}
