import { scoreSurvey, stateFromRows } from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { surveyFromQuery } from './survey-param.ts'

/**
 * `GET /api/scores?surveyId=&version=`: the scoring engine of shared/ on the aggregate state, with
 * the current imported self-assessment set (totals and classification need it).
 */
export const scoreRoutes = new Hono<AppEnv>().get('/', (c) => {
  currentUser(c, ['admin', 'analyst'])
  const survey = surveyFromQuery(c)
  const key = { surveyId: survey.id, surveyVersion: survey.version }
  const { aggregates, selfAssessments } = c.get('services')
  const selfAssessment = selfAssessments.current(key)?.values
  return c.json(scoreSurvey(survey, stateFromRows(aggregates.read(key)), selfAssessment ? { selfAssessment } : {}))
})
