import {
  checkSittingDraft,
  DomainError,
  endOfDayInVietnam,
  normaliseAccessCode,
  roundClosed,
  validateResponse,
  formatDateTime,
  type Locale,
  type SittingDraftSaved,
  type SittingGrant,
  type Survey,
  type SurveyRound,
  vietnamDate,
  type SyncResult,
} from '@parsurvey/shared'
import { hashAccessCode } from '../codes/batches.ts'
import { resendReceipt, unitSent } from '../codes/code-responses.ts'
import { ONLINE_DEVICE_ID, type Lookup } from '../codes/respond.ts'
import type { StoredRespondent } from '../db/respondents.ts'
import type { Services } from '../services.ts'
import { roundInForce } from '../survey/round.ts'
import { prepareResponse } from '../sync/ingest.ts'

export type { SittingGrant } from '@parsurvey/shared'

/** The person whose personal code is `raw`, or undefined (the lookup then stays a failed guess). */
export async function findRespondent(
  services: Services,
  raw: string,
  lookup: Lookup,
): Promise<StoredRespondent | undefined> {
  const code = normaliseAccessCode(raw)
  const found = code === undefined ? undefined : await services.respondents.findByHash(hashAccessCode(code))
  if (found) await lookup.found()
  return found
}

/** The survey of a person's sitting and its round; 410 once the round has closed. */
async function sittingSurvey(
  services: Services,
  person: StoredRespondent,
  now: Date,
): Promise<{ survey: Survey; round: SurveyRound | null }> {
  const survey = (await services.surveys.latest(person.surveyId))!
  const round = await roundInForce(services, survey)
  if (round && roundClosed(round, now)) {
    const expiresAt = new Date(endOfDayInVietnam(round.closes)).toISOString()
    throw new DomainError('code-expired', {
      status: 410,
      field: 'code',
      params: { expiresAt: formatDateTime(expiresAt) },
    })
  }
  return { survey, round }
}

const notListed = (unitId: string) =>
  new DomainError('sitting-unit-not-listed', { status: 404, field: 'unitId', params: { unitId } })

/** `GET /api/respond/:code` for a personal code: the sitting, and the first opening recorded. */
export async function openSitting(
  services: Services,
  person: StoredRespondent,
  now = new Date(),
): Promise<SittingGrant> {
  const { survey, round } = await sittingSurvey(services, person, now)
  await services.respondents.markOpened(person.id, vietnamDate(now))
  const drafts = await services.sittingDrafts.of(person.id)
  return {
    kind: 'register',
    survey,
    groupId: person.groupId,
    units: person.unitStates.map((s) => ({ ...s, draft: s.submitted ? null : (drafts.get(s.unitId) ?? null) })),
    expiresAt: round ? new Date(endOfDayInVietnam(round.closes)).toISOString() : null,
  }
}

/**
 * `POST /api/respond/:code/units/:unitId`: one unit of a sitting becomes one ordinary response
 * (channel online, no account, nothing of the person in it), stored and the unit marked sent in
 * one transaction. A unit is sent once; an exact resend of that response (a retry) gets its receipt.
 */
export async function submitSittingUnit(
  services: Services,
  person: StoredRespondent,
  unitId: string,
  body: Record<string, unknown>,
  locale: Locale,
  now = new Date(),
): Promise<SyncResult> {
  const state = person.unitStates.find((s) => s.unitId === unitId)
  if (!state) throw notListed(unitId)
  const { survey } = await sittingSurvey(services, person, now)
  const validation = validateResponse(survey, {
    id: body.id,
    surveyId: survey.id,
    surveyVersion: survey.version,
    unitId,
    groupId: person.groupId,
    locationId: null,
    channel: 'online',
    answers: body.answers,
    startedAt: body.startedAt,
    submittedAt: body.submittedAt,
    deviceId: ONLINE_DEVICE_ID,
  })
  if (state.submitted) {
    // Only the sender knows the response's id (the register does not keep it): a resend matches it.
    if (validation.ok) {
      const receipt = await resendReceipt(services, survey, validation.response)
      if (receipt) return receipt
    }
    throw unitSent(unitId)
  }
  if (!validation.ok) {
    const [issue] = validation.issues
    throw new DomainError(issue?.code ?? 'invalid-request', { field: issue?.field, params: issue?.params })
  }
  // Stored, the unit marked sent and its draft dropped in one transaction (codes/code-responses.ts).
  const prepared = prepareResponse(survey, validation.response)
  return services.codeResponses.store(prepared, { respondentId: person.id, unitId }, now.toISOString(), locale)
}

/**
 * `PUT /api/respond/:code/units/:unitId/draft`: the answers so far of a unit not yet sent, checked
 * with the shared answer rules (blanks allowed). 410 after the round, 409 once the unit is sent.
 */
export async function saveSittingDraft(
  services: Services,
  person: StoredRespondent,
  unitId: string,
  body: unknown,
  now = new Date(),
): Promise<SittingDraftSaved> {
  if (!person.units.includes(unitId)) throw notListed(unitId)
  const { survey } = await sittingSurvey(services, person, now)
  const check = checkSittingDraft(survey, person.groupId, body)
  if (!check.ok) {
    const { code, field, params } = check.issue
    throw new DomainError(code, { field, params, status: code === 'sitting-draft-too-large' ? 413 : 400 })
  }
  const updatedAt = now.toISOString()
  const outcome = await services.sittingDrafts.save(person.id, unitId, check.draft, updatedAt)
  if (outcome === 'not-listed') throw notListed(unitId)
  if (outcome === 'sent')
    throw new DomainError('sitting-unit-sent', { status: 409, field: 'unitId', params: { unitId } })
  return { unitId, updatedAt }
}
