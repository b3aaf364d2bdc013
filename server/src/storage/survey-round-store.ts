import type { SurveyRound } from '@parsurvey/shared'
import type { SurveyRoundsRepository } from '../db/survey-rounds.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { takeNamedLock, writeTransaction, type Tx } from './transactions.ts'

/**
 * Survey rounds set in the app on the async storage boundary (docs/storage.md): the port of
 * db/survey-rounds.ts for SQLite and PostgreSQL alike. A change of round and its audit entry
 * (with the round in force before) are one transaction; on PostgreSQL it holds a lock named
 * after the survey, so two servers setting the same survey's round record a true chain of
 * before → after, one change after the other.
 */
export function surveyRoundStore(storage: Storage) {
  const one = (db: Tx, surveyId: string): Promise<SurveyRound | undefined> =>
    db.selectFrom('survey_rounds').select(['opens', 'closes']).where('survey_id', '=', surveyId).executeTakeFirst()
  return {
    get: (surveyId: string) => one(storage.db, surveyId),
    async set(
      surveyId: string,
      round: SurveyRound,
      by: number | null,
      now = new Date(),
      fileRound: SurveyRound | null = null,
    ): Promise<SurveyRound | null> {
      return writeTransaction(storage, async (trx) => {
        await takeNamedLock(storage, trx, `survey-round:${surveyId}`)
        const before = (await one(trx, surveyId)) ?? fileRound
        const row = { opens: round.opens, closes: round.closes, set_at: now.toISOString(), set_by: by }
        await trx
          .insertInto('survey_rounds')
          .values({ survey_id: surveyId, ...row })
          .onConflict((oc) => oc.column('survey_id').doUpdateSet(row))
          .execute()
        await auditStore(trx).record(
          { userId: by, action: 'survey-round-set', target: surveyId, before, after: round },
          now,
        )
        return before
      })
    },
  } satisfies Async<SurveyRoundsRepository>
}
