import type { SurveyRound } from '@parsurvey/shared'
import type { DB } from './connection.ts'

/** Survey rounds set in the app (migration 050); a survey without a row uses its file's `round`. */
export function surveyRoundsRepository(db: DB) {
  const one = db.prepare<[string], SurveyRound>('SELECT opens, closes FROM survey_rounds WHERE survey_id = ?')
  const upsert = db.prepare(
    `INSERT INTO survey_rounds (survey_id, opens, closes, set_at, set_by) VALUES (@surveyId, @opens, @closes, @at, @by)
     ON CONFLICT (survey_id) DO UPDATE SET opens = excluded.opens, closes = excluded.closes,
       set_at = excluded.set_at, set_by = excluded.set_by`,
  )
  return {
    get: (surveyId: string): SurveyRound | undefined => one.get(surveyId),
    set(surveyId: string, round: SurveyRound, by: number | null, now = new Date()): void {
      upsert.run({ surveyId, ...round, at: now.toISOString(), by })
    },
  }
}
export type SurveyRoundsRepository = ReturnType<typeof surveyRoundsRepository>
