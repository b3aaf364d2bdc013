import { responseIdKey, type Response, type SyncReply, type SyncResult } from '@parsurvey/shared'
import { ApiError, NetworkError } from '../api/http.ts'
import type { OutboxState, OutboxUpdate, Receipt, DeviceStore } from '../storage/storage.ts'
import { backoffDelay } from './backoff.ts'

/** The server accepts at most this many responses per request. */
export const SYNC_BATCH_SIZE = 50

export type SyncFailure = { code: string; message: string; status: number | null }

export type SyncOutcome =
  | { ok: true; sent: number; refused: number; pending: number }
  | { ok: false; error: SyncFailure; retryInMs: number; pending: number }

export type SenderOptions = {
  storage: DeviceStore
  /** The network boundary: POST /api/sync. Throws NetworkError or ApiError. */
  send: (responses: Response[]) => Promise<SyncReply>
  now?: () => Date
  random?: () => number
  /**
   * Whose responses to send: the signed-in user (their cookie goes with the request). `null`:
   * nobody is signed in, send nothing. Absent: everything (tests, single-user tools).
   */
  owner?: () => string | null
  /** Told as batches settle: how many of the run's responses are done, and the server's answers. */
  onProgress?: (progress: SyncProgress) => void
}

export type SyncProgress = { done: number; total: number; results: SyncResult[] }

/**
 * Sends the outbox, oldest first, in batches. Responses go exactly as they were queued (same id,
 * same content), so a retry after a lost reply is recognised by the server as a duplicate.
 */
export function createSender({
  storage,
  send,
  now = () => new Date(),
  random = Math.random,
  owner,
  onProgress,
}: SenderOptions) {
  let failures = 0

  async function run(): Promise<SyncOutcome> {
    let sent = 0
    let refused = 0
    const who = owner ? (owner() ?? null) : undefined
    if (who === null) return { ok: true, sent, refused, pending: 0 }
    const total = await storage.countPending(who)
    const results: SyncResult[] = []
    onProgress?.({ done: 0, total, results: [] })
    for (;;) {
      const batch = await storage.pending(SYNC_BATCH_SIZE, who)
      if (batch.length === 0) break
      let reply: SyncReply
      try {
        reply = await send(batch.map((entry) => entry.response))
      } catch (error) {
        const failure = toFailure(error)
        failures += 1
        await storage.recordFailure(
          batch.map((e) => e.id),
          { code: failure.code, message: failure.message },
        )
        return {
          ok: false,
          error: failure,
          retryInMs: backoffDelay(failures, random),
          pending: await storage.countPending(who),
        }
      }
      failures = 0
      const { receipts, updates } = settle(
        batch.map((e) => e.id),
        reply.results,
      )
      await storage.recordSync(receipts, updates)
      await storage.setLastSyncAt(now().toISOString())
      sent += updates.filter((u) => u.state === 'sent').length
      refused += updates.filter((u) => u.state !== 'sent').length
      results.push(...receipts)
      onProgress?.({ done: Math.min(total, results.length), total, results: [...results] })
      // A reply that settles nothing would make this loop spin: leave the rest for the next run.
      if (updates.length === 0) break
    }
    return { ok: true, sent, refused, pending: await storage.countPending(who) }
  }

  return { run }
}

/**
 * Pairs results with what was sent, by id as the server compares ids (lower case: an entry queued
 * with an upper-case id is answered in lower case); receipts and updates carry the entry's own id.
 * A result for something not sent is ignored.
 */
function settle(sentIds: string[], results: SyncResult[]): { receipts: Receipt[]; updates: OutboxUpdate[] } {
  const wanted = new Map(sentIds.map((id) => [responseIdKey(id), id]))
  const receipts: Receipt[] = []
  const updates: OutboxUpdate[] = []
  for (const result of results) {
    const id = wanted.get(responseIdKey(result.id))
    if (id === undefined) continue
    wanted.delete(responseIdKey(result.id))
    receipts.push({ ...result, id })
    const state = stateFor(result.status)
    updates.push(result.error && state !== 'sent' ? { id, state, reason: result.error } : { id, state })
  }
  return { receipts, updates }
}

function stateFor(status: SyncResult['status']): OutboxState {
  switch (status) {
    case 'stored':
    case 'duplicate':
      return 'sent'
    case 'conflict':
      return 'conflict'
    case 'rejected':
      return 'rejected'
    default: {
      const unknown: never = status
      throw new Error(`unknown sync status ${String(unknown)}`)
    }
  }
}

function toFailure(error: unknown): SyncFailure {
  if (error instanceof NetworkError) return { code: 'network', message: error.message, status: null }
  if (error instanceof ApiError) return { code: error.code, message: error.message, status: error.status }
  return { code: 'unexpected', message: error instanceof Error ? error.message : String(error), status: null }
}
