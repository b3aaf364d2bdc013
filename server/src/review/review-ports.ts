import type { ReviewReads } from '../db/review.ts'
import { asyncPort, type Async } from '../storage/backend.ts'
import type { Storage } from '../storage/open-storage.ts'
import { reviewActionStore } from '../storage/review-action-store.ts'
import { reviewStore } from '../storage/review-store.ts'
import { reviewActions, type ReviewActions } from './review.ts'

/**
 * Supervisor review as the routes reach it, on either engine (docs/storage.md): the reads (a
 * response with its void and correction, pages, conflicts) and the actions (void, restore,
 * settle a conflict), each action one transaction.
 */
export type ReviewPorts = { reviewReads: Async<ReviewReads>; reviewActions: Async<ReviewActions> }

/** SQLite: the running server's repository and actions (review/review.ts) behind their ports. */
export const sqliteReviewPorts = (services: Parameters<typeof reviewActions>[0]): ReviewPorts => ({
  reviewReads: asyncPort(services.review),
  reviewActions: asyncPort(reviewActions(services)),
})

/** PostgreSQL: the Kysely stores, which lock the response row and hold the shared fold lock. */
export const postgresReviewPorts = (storage: Storage): ReviewPorts => ({
  reviewReads: reviewStore(storage),
  reviewActions: reviewActionStore(storage),
})
