import { DomainError, type Survey } from '@parsurvey/shared'
import type { Context } from 'hono'
import type { AppEnv } from '../http/context.ts'

/** The survey named by `?surveyId=&version=` (latest published version when no version is given). */
export function surveyFromQuery(c: Context<AppEnv>): Survey {
  const { surveys } = c.get('services').sqlite
  const surveyId = c.req.query('surveyId') ?? ''
  const raw = c.req.query('version')
  if (!surveyId) throw new DomainError('required-field', { field: 'surveyId' })
  const version = raw === undefined ? latestVersion(c, surveyId) : Number(raw)
  const found = Number.isInteger(version) ? surveys.get(surveyId, version) : undefined
  if (!found) {
    throw new DomainError('survey-not-found', {
      status: 404,
      field: raw === undefined ? 'surveyId' : 'version',
      params: { id: surveyId, version: raw ?? '' },
    })
  }
  return found.survey
}

function latestVersion(c: Context<AppEnv>, surveyId: string): number {
  return c.get('services').sqlite.surveys.latest(surveyId)?.version ?? NaN
}
