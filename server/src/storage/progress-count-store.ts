import type { DayCount, ProgressTalliesRepository, SurveyorCount } from '../db/progress-counts.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'

type Key = { surveyId: string; surveyVersion: number }

/** What the progress views read (db/progress-counts.ts), on the async boundary. */
export type ProgressReads = Pick<Async<ProgressTalliesRepository>, 'bySurveyor' | 'byDay'>

/**
 * The progress views' reads of `agg_progress` (responses per unit × sending account × day) on
 * the async boundary, for SQLite and PostgreSQL: the same sums as db/progress-counts.ts, rows
 * whose sum is 0 (every response of them voided) left out. What they read is only as fresh as
 * the last fold: the caller folds first (scores-services.ts).
 */
export function progressCountStore(storage: Storage) {
  const db = storage.db
  return {
    /** Responses per unit × sending account, with the account's name (null: sent without one). */
    async bySurveyor(key: Key): Promise<SurveyorCount[]> {
      const rows = await db
        .selectFrom('agg_progress as p')
        .leftJoin('users as u', 'u.id', 'p.received_by')
        .select((eb) => ['p.unit_id', 'p.received_by', 'u.username', eb.fn.sum<number | string>('p.responses').as('n')])
        .where('p.survey_id', '=', key.surveyId)
        .where('p.survey_version', '=', key.surveyVersion)
        .groupBy(['p.unit_id', 'p.received_by', 'u.username'])
        .having((eb) => eb.fn.sum('p.responses'), '<>', 0)
        .orderBy('p.unit_id')
        .orderBy('p.received_by')
        .execute()
      // PostgreSQL's SUM of a bigint is a numeric, which reaches JavaScript as a string.
      return rows.map((r) => ({
        unitId: r.unit_id,
        userId: r.received_by === 0 ? null : r.received_by,
        username: r.username,
        responses: Number(r.n),
      }))
    },
    /** Responses per unit × day (Asia/Ho_Chi_Minh), oldest day first. */
    async byDay(key: Key): Promise<DayCount[]> {
      const rows = await db
        .selectFrom('agg_progress')
        .select((eb) => ['unit_id', 'day', eb.fn.sum<number | string>('responses').as('n')])
        .where('survey_id', '=', key.surveyId)
        .where('survey_version', '=', key.surveyVersion)
        .groupBy(['unit_id', 'day'])
        .having((eb) => eb.fn.sum('responses'), '<>', 0)
        .orderBy('day')
        .orderBy('unit_id')
        .execute()
      return rows.map((r) => ({ unitId: r.unit_id, day: r.day, responses: Number(r.n) }))
    },
  } satisfies ProgressReads
}
