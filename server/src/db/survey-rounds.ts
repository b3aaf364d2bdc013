import type { SurveyRound } from '@parsurvey/shared'
import { auditRepository } from './audit.ts'
import type { DB } from './connection.ts'

/**
 * Survey rounds set in the app (migration 050); a survey without a row uses its file's `round`.
 * On PostgreSQL the same port is storage/survey-round-store.ts.
 */
export function surveyRoundsRepository(db: DB) {
  const one = db.prepare<[string], SurveyRound>('SELECT opens, closes FROM survey_rounds WHERE survey_id = ?')
  const upsert = db.prepare(
    `INSERT INTO survey_rounds (survey_id, opens, closes, set_at, set_by) VALUES (@surveyId, @opens, @closes, @at, @by)
     ON CONFLICT (survey_id) DO UPDATE SET opens = excluded.opens, closes = excluded.closes,
       set_at = excluded.set_at, set_by = excluded.set_by`,
  )
  const audit = auditRepository(db)
  return {
    get: (surveyId: string): SurveyRound | undefined => one.get(surveyId),
    /**
     * Sets the round of every version of `surveyId` and records it in the audit log, with the
     * round in force before (the one set in the app, else `fileRound`, the survey file's), in one transaction.
     * Returns that earlier round.
     */
    set(
      surveyId: string,
      round: SurveyRound,
      by: number | null,
      now = new Date(),
      fileRound: SurveyRound | null = null,
    ): SurveyRound | null {
      return db.transaction(() => {
        const before = one.get(surveyId) ?? fileRound
        upsert.run({ surveyId, opens: round.opens, closes: round.closes, at: now.toISOString(), by })
        audit.record({ userId: by, action: 'survey-round-set', target: surveyId, before, after: round }, now)
        return before
      })()
    },
  }
}
export type SurveyRoundsRepository = ReturnType<typeof surveyRoundsRepository>
