import type { PaperEntryReceipt } from '@parsurvey/shared'
import type { StoredReceipt } from './db/responses.ts'
import type { SurveyRoundsRepository } from './db/survey-rounds.ts'
import type { SurveysRepository } from './db/surveys.ts'
import { paperEntryOf } from './paper/double-entry.ts'
import { asyncPort, type Async } from './storage/backend.ts'
import type { Storage } from './storage/open-storage.ts'
import { paperFormStore } from './storage/paper-form-store.ts'
import { responseStore } from './storage/response-store.ts'
import { surveyRoundStore } from './storage/survey-round-store.ts'
import { surveyStore } from './storage/survey-store.ts'
import { commitQueue, type CommitQueue } from './sync/commit-queue.ts'
import { storeBatches, type StoreServices } from './sync/ingest.ts'

/** A stored response as `GET /api/sync/receipts` answers it: its receipt and where its paper form stands. */
export type StoredSyncReceipt = StoredReceipt & { paperEntry: PaperEntryReceipt | null }

/** What the sync routes read of stored responses, on either engine. */
export type ResponsesPort = {
  /** Whether paper responses to `surveyId` are keyed twice (read when a batch is checked). */
  doubleEntry(surveyId: string): Promise<boolean>
  /** The stored receipt of each id (lower case, as `responseIdKey` gives it) that is stored; legacy ids found. */
  receipts(ids: readonly string[]): Promise<Map<string, StoredSyncReceipt>>
}

/**
 * The areas surveys, survey rounds and sync on the storage boundary (docs/storage.md): published
 * versions, rounds, what sync reads of stored responses, and the commit queue that stores
 * checked batches.
 */
export type SyncServices = {
  /** Published survey definitions (db/surveys.ts, storage/survey-store.ts). */
  surveys: Async<SurveysRepository>
  /** Survey rounds set in the app, overriding the files' defaults (survey/round.ts). */
  rounds: Async<SurveyRoundsRepository>
  responses: ResponsesPort
  /** Sync batches that arrive together are committed together (sync/commit-queue.ts). */
  syncCommits: CommitQueue
}

/**
 * On SQLite: the synchronous repositories behind their ports, and the commit queue storing with
 * sync/ingest.ts's `storeBatches` in one synchronous transaction (its speed is `pnpm bench --only
 * sync-ingest`), keying paper forms and staging the fold as before.
 */
export function sqliteSyncServices(services: StoreServices): SyncServices {
  const { surveys, rounds, responses } = services.sqlite
  return {
    surveys: asyncPort(surveys),
    rounds: asyncPort(rounds),
    responses: {
      doubleEntry: async (surveyId) => services.paperForms.doubleEntry(surveyId),
      async receipts(ids) {
        const found = new Map<string, StoredSyncReceipt>()
        for (const id of ids) {
          const storedId = responses.storedIdOf(id)
          const stored = responses.receiptOf(storedId)
          if (stored) found.set(id, { ...stored, paperEntry: paperEntryOf(services, storedId) })
        }
        return found
      },
    },
    syncCommits: commitQueue((batches) => storeBatches(services, batches)),
  }
}

/**
 * On PostgreSQL: the Kysely stores, and the commit queue storing with the response store
 * (storage/response-store.ts), whose transaction takes the shared fold lock so that a later fold
 * counts every stored response once, and keys paper forms under double entry
 * (storage/paper-keying.ts). `committed` is called after each commit (the background fold).
 */
export function syncServicesOn(storage: Storage, options: { committed?: () => void } = {}): SyncServices {
  const store = responseStore(storage)
  const paperForms = paperFormStore(storage)
  return {
    surveys: surveyStore(storage),
    rounds: surveyRoundStore(storage),
    responses: { doubleEntry: (surveyId) => paperForms.doubleEntry(surveyId), receipts: (ids) => store.receipts(ids) },
    syncCommits: commitQueue(async (batches) => {
      const results = await store.storeBatches(batches)
      options.committed?.()
      return results
    }),
  }
}
