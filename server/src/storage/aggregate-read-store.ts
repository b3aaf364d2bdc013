import type { ScoringRows } from '@parsurvey/shared'
import type { AggregatesRepository } from '../db/aggregates.ts'
import { readScoringRows, readTallyRows } from './aggregate-rows.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { readTransaction } from './transactions.ts'

type Key = { surveyId: string; surveyVersion: number }

/** What scores and progress read of the aggregate tables (db/aggregates.ts), on the async boundary. */
export type AggregateReads = Pick<Async<AggregatesRepository>, 'read' | 'readTallies' | 'responses'>

/**
 * The reads of the aggregate tables on the async boundary, for SQLite and PostgreSQL: the same
 * rows as db/aggregates.ts. They are only as fresh as the last fold (aggregate-store.ts): the
 * caller folds first (scores-services.ts).
 */
export function aggregateReadStore(storage: Storage) {
  return {
    /** A version's whole aggregate state, its three tables read in one snapshot (a fold writes them together). */
    read: (key: Key): Promise<ScoringRows> => readTransaction(storage, (trx) => readScoringRows(trx, key)),
    /** Only a version's response tallies: all that progress needs. */
    readTallies: (key: Key): Promise<ScoringRows['tallies']> => readTallyRows(storage.db, key),
    /** How many responses count in a version (voided ones do not). */
    async responses(key: Key): Promise<number> {
      const row = await storage.db
        .selectFrom('agg_tallies')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('responses'), eb.lit(0)).as('n'))
        .where('survey_id', '=', key.surveyId)
        .where('survey_version', '=', key.surveyVersion)
        .executeTakeFirstOrThrow()
      // PostgreSQL's SUM of a bigint is a numeric, which reaches JavaScript as a string.
      return Number(row.n)
    },
  } satisfies AggregateReads
}
