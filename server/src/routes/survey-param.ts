import { DomainError, type Survey } from '@parsurvey/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../http/context.ts'

/** The survey named by `?surveyId=&version=` (latest published version when no version is given). */
export async function surveyFromQuery(c: Context<AppEnv>): Promise<Survey> {
  const { surveys } = c.get('services')
  const surveyId = c.req.query('surveyId') ?? ''
  const raw = c.req.query('version')
  if (!surveyId) throw new DomainError('required-field', { field: 'surveyId' })
  const version = raw === undefined ? ((await surveys.latest(surveyId))?.version ?? NaN) : Number(raw)
  const found = Number.isInteger(version) ? await surveys.get(surveyId, version) : undefined
  if (!found) {
    throw new DomainError('survey-not-found', {
      status: 404,
      field: raw === undefined ? 'surveyId' : 'version',
      params: { id: surveyId, version: raw ?? '' },
    })
  }
  return found.survey
}
