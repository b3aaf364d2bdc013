import { hash as digest } from 'node:crypto'
import {
  canonicalResponseJson,
  DomainError,
  validateResponse,
  type Locale,
  type Response,
  type Survey,
  type SyncResult,
} from '@parsurvey/shared'
import type { Published } from '../db/surveys.ts'
import { canAccessUnit, type User } from '../db/users.ts'
import type { Services } from '../services.ts'
import { shownValue } from '../http/shown-value.ts'
import { keyPaperForm, paperEntryOf, serialRequired, type PaperEntryServices } from '../paper/double-entry.ts'
import { conflictReceipt, resendVerdict, takenReceipt } from './resend.ts'

/** What storing needs on SQLite (the commit queue is built from these before `Services` is complete). */
export type StoreServices = Pick<Services, 'db' | 'folding'> & PaperEntryServices

type Checked = { kind: 'rejected'; result: SyncResult } | ({ kind: 'valid' } & ValidResponse)

/**
 * What checking a batch reads from storage, read before it (sync/ingest.ts `checkBatch`): the
 * published versions its items name, and whether each survey keys paper forms twice.
 */
export type BatchLookups = {
  survey(id: string, version: number): Published | undefined
  doubleEntry(surveyId: string): boolean
}

const idOf = (item: unknown): string => {
  const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id.slice(0, 100) : ''
}

type Head = { surveyId?: unknown; surveyVersion?: unknown; channel?: unknown }
const headOf = (item: unknown): Head => (item ?? {}) as Head

function rejected(id: string, error: DomainError, locale: Locale, receivedAt: string): Checked {
  return {
    kind: 'rejected',
    result: { id, status: 'rejected', hash: null, receivedAt, error: error.toBody(locale).error },
  }
}

/** Validates one item against its survey version and the sender's units, without touching storage. */
function check(lookups: BatchLookups, user: User, item: unknown, locale: Locale, receivedAt: string): Checked {
  const id = idOf(item)
  const head = headOf(item)
  const found =
    typeof head.surveyId === 'string' && typeof head.surveyVersion === 'number'
      ? lookups.survey(head.surveyId, head.surveyVersion)
      : undefined
  if (!found) {
    const field = typeof head.surveyId === 'string' ? 'surveyVersion' : 'surveyId'
    const params = { id: shownValue(head.surveyId, 100), version: shownValue(head.surveyVersion) }
    return rejected(id, new DomainError('response-unknown-survey', { field, params }), locale, receivedAt)
  }
  const validation = validateResponse(found.survey, item)
  if (!validation.ok) {
    const [issue] = validation.issues
    const error = new DomainError(issue?.code ?? 'invalid-request', { field: issue?.field, params: issue?.params })
    return rejected(id, error, locale, receivedAt)
  }
  const response = validation.response
  if (!canAccessUnit(user, response.unitId)) {
    const error = new DomainError('response-unit-not-assigned', {
      field: 'unitId',
      params: { unitId: response.unitId },
    })
    return rejected(id, error, locale, receivedAt)
  }
  const keyedTwice = response.channel === 'paper' && lookups.doubleEntry(response.surveyId)
  const serialMissing = serialRequired(keyedTwice, response)
  if (serialMissing) return rejected(id, serialMissing, locale, receivedAt)
  return { kind: 'valid', ...prepareResponse(found.survey, response) }
}

/** A sync batch checked item by item: a receipt already (rejected) or a response to store. */
export type CheckedBatch = { receivedAt: string; sender: User; locale: Locale; items: Checked[] }

/**
 * Validates a sync batch (so that it can run outside the write transaction): reads the survey
 * versions and double-entry settings its items name through the ports, once each, then checks
 * every item.
 */
export async function checkBatch(
  services: Pick<Services, 'surveys' | 'responses'>,
  user: User,
  items: unknown[],
  locale: Locale,
  now = new Date(),
): Promise<CheckedBatch> {
  const versions = new Map<string, Published | undefined>()
  const doubleEntry = new Map<string, boolean>()
  for (const item of items) {
    const { surveyId, surveyVersion, channel } = headOf(item)
    if (typeof surveyId !== 'string') continue
    if (typeof surveyVersion === 'number' && !versions.has(`${surveyId}@${surveyVersion}`))
      versions.set(`${surveyId}@${surveyVersion}`, await services.surveys.get(surveyId, surveyVersion))
    if (channel === 'paper' && !doubleEntry.has(surveyId))
      doubleEntry.set(surveyId, await services.responses.doubleEntry(surveyId))
  }
  const lookups: BatchLookups = {
    survey: (id, version) => versions.get(`${id}@${version}`),
    doubleEntry: (surveyId) => doubleEntry.get(surveyId) ?? false,
  }
  return checkBatchWith(lookups, user, items, locale, now)
}

/** `checkBatch` with what it reads already at hand (SQLite's synchronous repositories, or read ahead). */
export function checkBatchWith(
  lookups: BatchLookups,
  user: User,
  items: unknown[],
  locale: Locale,
  now = new Date(),
): CheckedBatch {
  const receivedAt = now.toISOString()
  return {
    receivedAt,
    sender: user,
    locale,
    items: items.map((item) => check(lookups, user, item, locale, receivedAt)),
  }
}

/**
 * Stores checked batches exactly once in one transaction, which commits (durably:
 * synchronous=FULL) before any receipt is returned; one list of receipts per batch, in request
 * order: new id → stored; same id and content → duplicate; same id, other content → conflict,
 * kept for a supervisor, nothing overwritten. One bad item never rejects the others. The
 * aggregates take the stored responses in a later fold, in bulk (aggregates/folding.ts); every
 * read folds first.
 */
export function storeBatches(services: StoreServices, batches: CheckedBatch[]): SyncResult[][] {
  const store = (batch: CheckedBatch) =>
    batch.items.map((item): SyncResult =>
      item.kind === 'rejected'
        ? item.result
        : storeResponse(services, item, batch.receivedAt, batch.sender, batch.locale),
    )
  return services.folding.staging(() => services.db.transaction(() => batches.map(store))())
}

/** A response that passed validation, with its canonical JSON and content hash. */
export type ValidResponse = { response: Response; survey: Survey; body: string; hash: string }

/**
 * Canonical body and hash of a validated response, ready for `storeResponse`. The body is
 * serialised once and hashed with node's native one-shot sha-256: the same hex as `contentHash(response)`
 * (sha-256 of `canonicalJson(response)`), which devices compute.
 */
export function prepareResponse(survey: Survey, response: Response): ValidResponse {
  const body = canonicalResponseJson(response)
  return { response, survey, body, hash: digest('sha256', body, 'hex') }
}

/**
 * Stores one validated response and counts it in the aggregates, exactly once: a known id with
 * the same content is a duplicate, with other content a conflict kept for review — if the sender
 * may see the stored response (`maySeeResponse`). Anyone else gets `response-id-taken` and
 * nothing is kept: a conflict would show them, or the unit's supervisor, a response that is
 * not theirs, and its receipt would confirm the other unit's response. `sender` is null for a
 * respondent with an access code, who may see no stored response. Call it inside the caller's
 * transaction (the sync batch, or an online submit that also marks its code used). Under
 * `folding.staging` (a sync batch) the aggregates take it in a later fold; otherwise they are
 * folded at once, in the caller's transaction.
 */
export function storeResponse(
  services: StoreServices,
  item: ValidResponse,
  receivedAt: string,
  sender: User | null,
  locale: Locale,
): SyncResult {
  const { responses } = services.sqlite
  const { response, survey, body, hash } = item
  const receivedBy = sender?.id ?? null
  const storedId = responses.storedIdOf(response.id)
  const rowid =
    storedId !== response.id
      ? null
      : responses.insertNew({
          id: response.id,
          surveyId: response.surveyId,
          surveyVersion: response.surveyVersion,
          unitId: response.unitId,
          groupId: response.groupId,
          locationId: response.locationId,
          channel: response.channel,
          body,
          hash,
          receivedAt,
          receivedBy,
        })
  if (rowid === null) {
    const previous = responses.receiptOf(storedId)
    if (!previous) throw new Error(`response ${response.id} was refused as taken but is not stored`)
    const verdict = resendVerdict(hashAs(item, storedId), previous, sender)
    if (verdict === 'duplicate') {
      const paperEntry = paperEntryOf(services, storedId)
      return {
        id: response.id,
        status: 'duplicate',
        hash,
        receivedAt: previous.received_at,
        ...(paperEntry ? { paperEntry } : {}),
      }
    }
    if (verdict === 'taken') return takenReceipt(response.id, receivedAt, locale)
    const at = responses.recordConflict(storedId, body, hash, receivedAt, receivedBy)
    return conflictReceipt(response.id, hash, at, locale)
  }
  const paperEntry = keyPaperForm(services, survey, response, receivedAt)
  services.folding.stored(rowid, survey, response, receivedBy)
  return { id: response.id, status: 'stored', hash, receivedAt, ...(paperEntry ? { paperEntry } : {}) }
}

/** The content hash of `item` stored under `id` (a legacy mixed-case id) instead of its own. */
export const hashAs = (item: ValidResponse, id: string): string =>
  id === item.response.id ? item.hash : prepareResponse(item.survey, { ...item.response, id }).hash
