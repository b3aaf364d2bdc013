import type { QualityReport } from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { qualityReport } from '../quality/quality.ts'
import { surveyFromQuery } from './survey-param.ts'

/**
 * `GET /api/quality?surveyId=&version=`: data-quality flags of one survey version (see
 * quality/quality.ts for the rules). Analysts and admins see every unit, a supervisor their own.
 */
export const qualityRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
  const survey = await surveyFromQuery(c)
  c.header('Cache-Control', 'no-store')
  return c.json(
    (await qualityReport(
      c.get('services'),
      survey,
      user.role === 'supervisor' ? user.units : 'all',
      c.get('locale'),
    )) satisfies QualityReport,
  )
})
