import {
  DomainError,
  formatDateTime,
  type Locale,
  type Response,
  type Survey,
  type SyncResult,
} from '@parsurvey/shared'
import { accessCodesRepository } from '../db/access-codes.ts'
import { respondentsRepository } from '../db/respondents.ts'
import { sittingDraftsRepository } from '../db/sitting-drafts.ts'
import type { Services } from '../services.ts'
import { prepareResponse, storeResponse, type StoreServices, type ValidResponse } from '../sync/ingest.ts'

/** 410: the code answered a questionnaire already (`usedAt`: when). */
export const codeUsed = (usedAt: string) =>
  new DomainError('code-used', { status: 410, field: 'code', params: { usedAt: formatDateTime(usedAt) } })

/**
 * 409: the response id is held by another response. It cannot be linked to the code: a
 * respondent may see no stored response, so no conflict is kept for them.
 */
export const codeResponseIdTaken = (id: string) =>
  new DomainError('code-response-id-taken', { status: 409, field: 'id', params: { id } })

/** 410: the unit of a sitting was sent already. */
export const unitSent = (unitId: string) =>
  new DomainError('sitting-unit-sent', { status: 410, field: 'unitId', params: { unitId } })

/**
 * What a response answered with a code uses up: a one-time access code, or one unit of the
 * sitting of a person on the register (their personal code), whose draft goes with it.
 */
export type CodeUse = { codeId: number } | { respondentId: number; unitId: string }

/**
 * The first receipt of `response` when it is stored with the same content: a retry of the send
 * that used the code (over a flaky network) gets it again; undefined otherwise.
 */
export async function resendReceipt(
  services: Pick<Services, 'responses'>,
  survey: Survey,
  response: Response,
): Promise<SyncResult | undefined> {
  const previous = (await services.responses.receipts([response.id])).get(response.id)
  const { hash } = prepareResponse(survey, response)
  if (previous && previous.hash === hash)
    return { id: response.id, status: 'duplicate', hash, receivedAt: previous.received_at }
  return undefined
}

/** Stores a response answered with a code and uses the code up, in one transaction. */
export type CodeResponses = {
  /**
   * The receipt of the stored response. Throws, storing nothing: `codeResponseIdTaken` when its
   * id is another response's, `codeUsed` or `unitSent` when the code or the unit was used
   * meanwhile (here or through another server).
   */
  store(prepared: ValidResponse, use: CodeUse, receivedAt: string, locale: Locale): SyncResult
}

/**
 * The running SQLite server's: `storeResponse` (sync/ingest.ts, with its fold staging) and the
 * conditional update of the code or the unit in one synchronous transaction.
 * storage/code-response-store.ts is the same port on the storage boundary.
 */
export function codeResponsesRepository(services: StoreServices): CodeResponses {
  const accessCodes = accessCodesRepository(services.db)
  const respondents = respondentsRepository(services.db)
  const drafts = sittingDraftsRepository(services.db)
  return {
    store: (prepared, use, receivedAt, locale) =>
      services.db.transaction(() => {
        const receipt = storeResponse(services, prepared, receivedAt, null, locale)
        // Throwing rolls back what storeResponse wrote.
        if (receipt.status !== 'stored') throw codeResponseIdTaken(prepared.response.id)
        if ('codeId' in use) {
          if (!accessCodes.markUsed(use.codeId, prepared.response.id, receivedAt)) throw codeUsed(receivedAt)
        } else {
          if (!respondents.markSubmitted(use.respondentId, use.unitId)) throw unitSent(use.unitId)
          drafts.drop(use.respondentId, use.unitId)
        }
        return receipt
      })(),
  }
}
