import {
  DomainError,
  formatDateTime,
  normaliseAccessCode,
  validateResponse,
  type CodeGrant,
  type Locale,
  type Survey,
  type SyncResult,
} from '@parsurvey/shared'
import type { FoundCode } from '../db/access-codes.ts'
import type { Services } from '../services.ts'
import { prepareResponse } from '../sync/ingest.ts'
import { hashAccessCode } from './batches.ts'
import { codeUsed, resendReceipt } from './code-responses.ts'
import { isExpired } from './expiry.ts'

/** Device id recorded when the online form does not send one. */
export const ONLINE_DEVICE_ID = 'online'

/** A lookup the caller reserved (codes/lookup-limiter.ts): it stays counted unless told `found`. */
export type Lookup = { found(): Promise<void> }

/**
 * The code typed or linked as `raw`, or 404. A code that does not exist stays counted as a
 * failed guess by the lookup the caller reserved (see lookup-limiter.ts).
 */
async function findCode(services: Services, raw: string, lookup: Lookup): Promise<FoundCode> {
  const code = normaliseAccessCode(raw)
  const found = code === undefined ? undefined : await services.accessCodes.findByHash(hashAccessCode(code))
  if (!found) throw new DomainError('code-not-found', { status: 404, field: 'code' })
  await lookup.found()
  return found
}

function refuseExpired(found: FoundCode, now: Date): void {
  const { expiresAt } = found.batch
  if (expiresAt !== null && isExpired(expiresAt, now)) {
    throw new DomainError('code-expired', {
      status: 410,
      field: 'code',
      params: { expiresAt: formatDateTime(expiresAt) },
    })
  }
}

async function surveyOf(services: Services, found: FoundCode): Promise<Survey> {
  // Published versions are never deleted (triggers), so a batch's survey is always there.
  return (await services.surveys.get(found.batch.surveyId, found.batch.surveyVersion))!.survey
}

/** `GET /api/respond/:code`: the survey and the place a valid, unused code answers for. */
export async function openCode(services: Services, raw: string, lookup: Lookup, now = new Date()): Promise<CodeGrant> {
  const found = await findCode(services, raw, lookup)
  if (found.usedAt !== null) throw codeUsed(found.usedAt)
  refuseExpired(found, now)
  const { unitId, groupId, locationId, expiresAt } = found.batch
  return { survey: await surveyOf(services, found), unitId, groupId, locationId, expiresAt }
}

/**
 * `POST /api/respond/:code`: builds the response from the respondent's answers and the code's
 * batch (survey, unit, group, location; channel online), validates it, and in one transaction
 * stores it with its aggregates and marks the code used. A code is used once; only an exact
 * resend of the response it was used for (a retry over a flaky network) gets the first receipt.
 */
export async function submitWithCode(
  services: Services,
  raw: string,
  body: Record<string, unknown>,
  lookup: Lookup,
  locale: Locale,
  now = new Date(),
): Promise<SyncResult> {
  const found = await findCode(services, raw, lookup)
  const survey = await surveyOf(services, found)
  const { batch } = found
  const input = {
    id: body.id,
    surveyId: batch.surveyId,
    surveyVersion: batch.surveyVersion,
    unitId: batch.unitId,
    groupId: batch.groupId,
    locationId: batch.locationId,
    channel: 'online',
    answers: body.answers,
    startedAt: body.startedAt,
    submittedAt: body.submittedAt,
    deviceId: body.deviceId ?? ONLINE_DEVICE_ID,
  }
  const validation = validateResponse(survey, input)

  if (found.usedAt !== null) {
    if (validation.ok && validation.response.id === found.responseId) {
      const receipt = await resendReceipt(services, survey, validation.response)
      if (receipt) return receipt
    }
    throw codeUsed(found.usedAt)
  }
  refuseExpired(found, now)
  if (!validation.ok) {
    const [issue] = validation.issues
    throw new DomainError(issue?.code ?? 'invalid-request', { field: issue?.field, params: issue?.params })
  }

  // Stored and the code marked used in one transaction (codes/code-responses.ts).
  const prepared = prepareResponse(survey, validation.response)
  return services.codeResponses.store(prepared, { codeId: found.id }, now.toISOString(), locale)
}
