import { surveySchema, type Survey } from '@parsurvey/shared'
import type { Tx } from './transactions.ts'

/**
 * The published survey definitions a store counts with, each parsed once: a published version
 * never changes (trigger), so any server may keep it. Read through the caller's transaction.
 */
export function surveyDefinitions() {
  const parsed = new Map<string, Survey>()
  return async function surveyOf(db: Tx, surveyId: string, surveyVersion: number): Promise<Survey> {
    const id = `${surveyId}@${surveyVersion}`
    let survey = parsed.get(id)
    if (!survey) {
      const row = await db
        .selectFrom('surveys')
        .select('definition')
        .where('id', '=', surveyId)
        .where('version', '=', surveyVersion)
        .executeTakeFirst()
      // The foreign key makes this unreachable; a published survey is never deleted.
      if (!row) throw new Error(`survey ${id} of a stored response is not published`)
      survey = surveySchema.parse(JSON.parse(row.definition))
      parsed.set(id, survey)
    }
    return survey
  }
}
