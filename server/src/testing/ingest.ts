import type { Locale, SyncResult } from '@parsurvey/shared'
import type { User } from '../db/users.ts'
import type { Services } from '../services.ts'
import { checkBatchWith, storeBatches } from '../sync/ingest.ts'

/**
 * How tests and tools put responses in on SQLite: checks and stores one sync batch in its own
 * transaction, synchronously, as the sync route does (which reads through the ports and goes
 * through the commit queue, sync/commit-queue.ts, grouping batches).
 */
export function ingestBatch(
  services: Services,
  user: User,
  items: unknown[],
  locale: Locale,
  now = new Date(),
): SyncResult[] {
  const lookups = {
    survey: (id: string, version: number) => services.sqlite.surveys.get(id, version),
    doubleEntry: (surveyId: string) => services.paperForms.doubleEntry(surveyId),
  }
  return storeBatches(services, [checkBatchWith(lookups, user, items, locale, now)])[0]!
}
