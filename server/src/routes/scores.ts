import { DomainError, type ExplainReply, type PreviousYearReply, type ScoresReply } from '@parsurvey/shared'
import { Hono } from 'hono'
import { officialScores, previousYearSurvey, scoresReply } from '../analysis/official-scores.ts'
import { explainUnitReply } from '../analysis/unit-explanation.ts'
import { currentUser } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { surveyFromQuery } from './survey-param.ts'

/**
 * `GET /api/scores?surveyId=&version=`: the scoring engine of shared/ on the aggregate state of the
 * version's data set (the versions of that survey and year that score alike, analysis/data-set.ts),
 * with the data set's current self-assessment and adjustments, and `dataSet` saying which data
 * that was and which versions stayed apart (and why).
 * `GET /api/scores/explain?surveyId=&version=&unitId=`: one unit's score taken apart (criteria,
 * questions, groups, distributions, intervals), its group × domain matrix and the province average.
 * `GET /api/scores/previous-year?surveyId=&version=`: last year's official data set of the same
 * unit kind, scored, for the year-over-year comparison.
 */
export const scoreRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    currentUser(c, ['admin', 'analyst'])
    const reply = await scoresReply(c.get('services'), await surveyFromQuery(c), c.get('locale'))
    return c.json(reply satisfies ScoresReply)
  })
  .get('/previous-year', async (c) => {
    currentUser(c, ['admin', 'analyst'])
    const services = c.get('services')
    const previous = await previousYearSurvey(services, await surveyFromQuery(c))
    return c.json({
      previous: previous ? await scoresReply(services, previous, c.get('locale')) : null,
    } satisfies PreviousYearReply)
  })
  .get('/explain', async (c) => {
    currentUser(c, ['admin', 'analyst'])
    const survey = await surveyFromQuery(c)
    const unitId = c.req.query('unitId') ?? ''
    if (!unitId) throw new DomainError('required-field', { field: 'unitId' })
    if (!survey.units.some((u) => u.id === unitId)) {
      throw new DomainError('analysis-unit-not-found', {
        status: 404,
        field: 'unitId',
        params: { unitId: unitId.slice(0, 100) },
      })
    }
    const { state, scores } = await officialScores(c.get('services'), survey)
    return c.json(explainUnitReply(survey, state, scores, unitId)! satisfies ExplainReply)
  })
