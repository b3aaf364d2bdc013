import { createHash } from 'node:crypto'
import {
  canonicalJson,
  DomainError,
  responseContributions,
  validateResponse,
  type Locale,
  type Response,
  type Survey,
  type SyncResult,
} from '@parsurvey/shared'
import { canAccessUnit, type User } from '../db/users.ts'
import type { Services } from '../services.ts'
import { shownValue } from '../http/shown-value.ts'
import { aggregateBatch, type AggregateBatch } from '../aggregates/batch.ts'

type Checked =
  | { kind: 'rejected'; result: SyncResult }
  | ({ kind: 'valid' } & ValidResponse)

const idOf = (item: unknown): string => {
  const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id.slice(0, 100) : ''
}

function rejected(id: string, error: DomainError, locale: Locale, receivedAt: string): Checked {
  return { kind: 'rejected', result: { id, status: 'rejected', hash: null, receivedAt, error: error.toBody(locale).error } }
}

/** Validates one item against its survey version and the sender's units, without touching storage. */
function check(services: Services, user: User, item: unknown, locale: Locale, receivedAt: string): Checked {
  const id = idOf(item)
  const head = (item ?? {}) as { surveyId?: unknown; surveyVersion?: unknown }
  const found =
    typeof head.surveyId === 'string' && typeof head.surveyVersion === 'number'
      ? services.surveys.get(head.surveyId, head.surveyVersion)
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
    const error = new DomainError('response-unit-not-assigned', { field: 'unitId', params: { unitId: response.unitId } })
    return rejected(id, error, locale, receivedAt)
  }
  return { kind: 'valid', ...prepareResponse(found.survey, response) }
}

/**
 * Stores a batch of responses exactly once and answers a receipt per item, in request order.
 * New id → stored (with its aggregates, in the same transaction); same id and content →
 * duplicate; same id, other content → conflict, kept for a supervisor, nothing overwritten.
 * One bad item never rejects the others. The transaction commits (durably: synchronous=FULL)
 * before any receipt is returned.
 */
export function ingestBatch(services: Services, user: User, items: unknown[], locale: Locale, now = new Date()): SyncResult[] {
  const receivedAt = now.toISOString()
  const checked = items.map((item) => check(services, user, item, locale, receivedAt))
  return services.db.transaction(() => {
    // Aggregates of the whole batch merged per cell, written in this same transaction.
    const batch = aggregateBatch()
    const results = checked.map((item): SyncResult =>
      item.kind === 'rejected' ? item.result : storeResponse(services, item, receivedAt, user.id, locale, batch),
    )
    for (const { key, rows } of batch.rows()) services.aggregates.add(key, rows)
    return results
  })()
}

/** A response that passed validation, with its canonical JSON and content hash. */
export type ValidResponse = { response: Response; survey: Survey; body: string; hash: string }

/**
 * Canonical body and hash of a validated response, ready for `storeResponse`. The body is
 * serialised once and hashed with node's native sha-256: the same hex as `contentHash(response)`
 * (sha-256 of `canonicalJson(response)`), which devices compute.
 */
export function prepareResponse(survey: Survey, response: Response): ValidResponse {
  const body = canonicalJson(response)
  return { response, survey, body, hash: createHash('sha256').update(body, 'utf8').digest('hex') }
}

/**
 * Stores one validated response and adds its aggregates, exactly once: a known id with the
 * same content is a duplicate, with other content a conflict kept for review. Call it inside
 * the caller's transaction (the sync batch, or an online submit that also marks its code used).
 * With `batch`, the aggregate rows are collected there and the caller writes them merged before
 * its transaction commits; without, they are written at once.
 */
export function storeResponse(
  services: Services,
  item: ValidResponse,
  receivedAt: string,
  receivedBy: number | null,
  locale: Locale,
  batch?: AggregateBatch,
): SyncResult {
  const { responses, aggregates } = services
  const { response, survey, body, hash } = item
  const previous = responses.receiptOf(response.id)
  if (previous) {
    if (previous.hash === hash) return { id: response.id, status: 'duplicate', hash, receivedAt: previous.received_at }
    const at = responses.recordConflict(response.id, body, hash, receivedAt, receivedBy)
    const error = new DomainError('response-conflict', { field: 'id', params: { id: response.id } }).toBody(locale).error
    return { id: response.id, status: 'conflict', hash, receivedAt: at, error }
  }
  responses.insert({
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
  const key = { surveyId: survey.id, surveyVersion: survey.version }
  if (batch) batch.add(key, responseContributions(survey, response))
  else aggregates.add(key, responseContributions(survey, response))
  services.progressTallies.add(key, response.unitId, receivedBy, response.submittedAt)
  return { id: response.id, status: 'stored', hash, receivedAt }
}
