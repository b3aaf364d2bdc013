import { scoreSurvey, stateFromRows } from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { surveyFromQuery } from './survey-param.ts'

/** `GET /api/scores?surveyId=&version=`: the scoring engine of shared/ on the aggregate state. */
export const scoreRoutes = new Hono<AppEnv>().get('/', (c) => {
  currentUser(c, ['admin', 'analyst'])
  const survey = surveyFromQuery(c)
  const rows = c.get('services').aggregates.read({ surveyId: survey.id, surveyVersion: survey.version })
  return c.json(scoreSurvey(survey, stateFromRows(rows)))
})
