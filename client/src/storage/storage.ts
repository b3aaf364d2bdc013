import type {
  AnswerValue,
  CodeGrant,
  RespondBody,
  Response,
  ResponsePlace,
  Survey,
  SyncResult,
} from '@parsurvey/shared'
import type { SurveySummary, User } from '../api/endpoints.ts'
import type { DeviceUser } from '../session/device-users.ts'
import type { SittingRecord } from '../sitting/record.ts'

/**
 * A questionnaire being filled. Its `id` is the response id, made once when the draft starts and
 * never changed: the server recognises a re-sent response by it.
 */
export type Draft = ResponsePlace & {
  paperSerial?: string
  answers: Record<string, AnswerValue>
  startedAt: string
  deviceId: string
  /** Index of the question on screen among the group's questions; equal to their count on the review screen. */
  cursor: number
  updatedAt: string
  /** The username who started it: only they see and finish it on a shared tablet (absent on old drafts: anyone). */
  owner?: string
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
  /** The username who finished it: only their session sends it (absent on old entries: anyone). */
  owner?: string
}

/** An online respondent's questionnaire (access code, no account), kept on their browser until sent. */
export type RespondentDraft = {
  /** The access code, normalised (upper case, dashes): one draft per code. */
  code: string
  /** The response id, made once per draft. */
  id: string
  grant: CodeGrant
  answers: Record<string, AnswerValue>
  cursor: number
  startedAt: string
  updatedAt: string
  /** What was (or is being) sent: reused as is on every retry, so a lost reply cannot make two responses. */
  outgoing?: RespondBody
  /** Set once the server has the response (its receipt time): the draft is then only a thank-you. */
  receivedAt?: string
}

/** What the server answered for one response, kept as proof (append-only: one row per answer). */
export type Receipt = SyncResult & { seq?: number }

export type OutboxUpdate = { id: string; state: OutboxState; reason?: OutboxEntry['reason'] }

/**
 * Everything the field app keeps on the device. One interface, a Dexie implementation for the
 * browser and an in-memory one for tests; both pass the same contract tests.
 */
export interface DeviceStore {
  /** Made once per device and kept: every response records it. */
  deviceId(): Promise<string>

  cachedUser(): Promise<User | undefined>
  cacheUser(user: User | undefined): Promise<void>

  /** The last users of the device with their offline password verifiers (never passwords), newest first. */
  deviceUsers(): Promise<DeviceUser[]>
  saveDeviceUsers(users: DeviceUser[]): Promise<void>

  /** Replaces the list of published surveys and adds their definitions (id + version never change). */
  saveSurveys(list: SurveySummary[], definitions: Survey[]): Promise<void>
  surveys(): Promise<SurveySummary[]>
  survey(id: string, version: number): Promise<Survey | undefined>

  /** Adds survey definitions (a backup's) without touching the published list. */
  addSurveys(definitions: Survey[]): Promise<void>

  /**
   * Stores the draft as it is at the call. Writes asked for one after another are stored in that
   * order, even when the next is asked for before the last has finished.
   */
  saveDraft(draft: Draft): Promise<void>
  draft(id: string): Promise<Draft | undefined>
  /** Newest first; with `owner`, only that user's drafts (and ownerless old ones). */
  drafts(owner?: string): Promise<Draft[]>
  deleteDraft(id: string): Promise<void>
  /** In one transaction: the response enters the outbox (same id, owned by `owner`) and its draft is removed. */
  finishDraft(response: Response, queuedAt: string, owner?: string): Promise<void>

  /** With `owner`, only that user's entries (and ownerless old ones). */
  outbox(owner?: string): Promise<OutboxEntry[]>
  outboxEntry(id: string): Promise<OutboxEntry | undefined>
  /** Adds the entry unless its id is already in the outbox (ids decide); true when added. */
  enqueue(entry: OutboxEntry): Promise<boolean>
  /** Oldest first, at most `limit`. */
  pending(limit: number, owner?: string): Promise<OutboxEntry[]>
  countPending(owner?: string): Promise<number>
  /** In one transaction: keep the receipts and move the entries to their new state. */
  recordSync(receipts: Receipt[], updates: OutboxUpdate[]): Promise<void>
  /** A sending attempt failed: count it and keep the reason; entries stay pending. */
  recordFailure(ids: string[], reason: { code: string; message: string }): Promise<void>
  receipts(id: string): Promise<Receipt[]>

  lastSyncAt(): Promise<string | undefined>
  setLastSyncAt(at: string): Promise<void>

  /** Small device settings (session confirmation time…), JSON values. */
  setting<T>(key: string): Promise<T | undefined>
  saveSetting(key: string, value: unknown): Promise<void>

  respondentDraft(code: string): Promise<RespondentDraft | undefined>
  saveRespondentDraft(draft: RespondentDraft): Promise<void>

  /** A personal code's sitting (several units) as this browser keeps it, by code. */
  sitting(code: string): Promise<SittingRecord | undefined>
  saveSitting(record: SittingRecord): Promise<void>
  /** Drops what this browser keeps of a sitting (finished or closed: nothing left to send). */
  forgetSitting(code: string): Promise<void>
}

/** Items of `owner`, and old ones made before items had an owner (nobody else could send those). */
export const visibleTo = (owner: string | undefined) => (item: { owner?: string }) =>
  owner === undefined || item.owner === undefined || item.owner === owner
