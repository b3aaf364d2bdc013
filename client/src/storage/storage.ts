import type { Channel, Response, Survey, SyncResult } from '@parsurvey/shared'
import type { SurveySummary, User } from '../api/endpoints.ts'

/**
 * A questionnaire being filled. Its `id` is the response id, made once when the draft starts and
 * never changed: the server recognises a re-sent response by it.
 */
export type Draft = {
  id: string
  surveyId: string
  surveyVersion: number
  unitId: string
  groupId: string
  locationId: string | null
  channel: Channel
  paperSerial?: string
  answers: Record<string, string | null>
  startedAt: string
  deviceId: string
  /** Index of the question on screen among the group's questions; equal to their count on the review screen. */
  cursor: number
  updatedAt: string
}

/** `pending` waits to be sent; `sent` is on the server; `conflict`/`rejected` wait for a person. */
export type OutboxState = 'pending' | 'sent' | 'conflict' | 'rejected'

export type OutboxEntry = {
  id: string
  response: Response
  state: OutboxState
  queuedAt: string
  /** Failed sending attempts (network or server errors), for the record. */
  attempts: number
  /** Why the server refused it (conflict/rejected), or the last failure while sending. */
  reason?: { code: string; message: string; field?: string }
}

/** What the server answered for one response, kept as proof (append-only: one row per answer). */
export type Receipt = SyncResult & { seq?: number }

export type OutboxUpdate = { id: string; state: OutboxState; reason?: OutboxEntry['reason'] }

/**
 * Everything the field app keeps on the device. One interface, a Dexie implementation for the
 * browser and an in-memory one for tests; both pass the same contract tests.
 */
export interface Storage {
  /** Made once per device and kept: every response records it. */
  deviceId(): Promise<string>

  cachedUser(): Promise<User | undefined>
  cacheUser(user: User | undefined): Promise<void>

  /** Replaces the list of published surveys and adds their definitions (id + version never change). */
  saveSurveys(list: SurveySummary[], definitions: Survey[]): Promise<void>
  surveys(): Promise<SurveySummary[]>
  survey(id: string, version: number): Promise<Survey | undefined>

  saveDraft(draft: Draft): Promise<void>
  draft(id: string): Promise<Draft | undefined>
  drafts(): Promise<Draft[]>
  deleteDraft(id: string): Promise<void>
  /** In one transaction: the response enters the outbox (same id) and its draft is removed. */
  finishDraft(response: Response, queuedAt: string): Promise<void>

  outbox(): Promise<OutboxEntry[]>
  /** Oldest first, at most `limit`. */
  pending(limit: number): Promise<OutboxEntry[]>
  countPending(): Promise<number>
  /** In one transaction: keep the receipts and move the entries to their new state. */
  recordSync(receipts: Receipt[], updates: OutboxUpdate[]): Promise<void>
  /** A sending attempt failed: count it and keep the reason; entries stay pending. */
  recordFailure(ids: string[], reason: { code: string; message: string }): Promise<void>
  receipts(id: string): Promise<Receipt[]>

  lastSyncAt(): Promise<string | undefined>
  setLastSyncAt(at: string): Promise<void>
}
