import type { Locale, SyncResult } from '@parsurvey/shared'
import type { User } from '../db/users.ts'
import type { Services } from '../services.ts'
import { checkBatch, storeBatches } from '../sync/ingest.ts'

/**
 * How tests and tools put responses in: checks and stores one sync batch in its own transaction,
 * as the sync route does (which goes through the commit queue, sync/commit-queue.ts, grouping batches).
 */
export function ingestBatch(
  services: Services,
  user: User,
  items: unknown[],
  locale: Locale,
  now = new Date(),
): SyncResult[] {
  return storeBatches(services, [checkBatch(services, user, items, locale, now)])[0]!
}
