import {
  DomainError,
  scoreSurvey,
  stateFromRows,
  type ExplainReply,
  type ScoresReply,
  type Survey,
} from '@parsurvey/shared'
import { Hono, type Context } from 'hono'
import { explainUnitReply } from '../analysis/unit-explanation.ts'
import { currentUser } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { surveyFromQuery } from './survey-param.ts'

/**
 * The official scores of a survey version from the aggregate state and the current self-assessment
 * set, recomputed only when one of them changed (analysis/scores-cache.ts).
 */
function officialScores(c: Context<AppEnv>, survey: Survey) {
  const key = { surveyId: survey.id, surveyVersion: survey.version }
  const { aggregates, selfAssessments, scoresCache, folding } = c.get('services')
  // Before the cache's stamp is taken, so that a fold's writes do not outdate the entry it makes.
  folding.flush()
  return scoresCache.get(key, () => {
    const selfAssessment = selfAssessments.current(key)?.values
    const state = stateFromRows(aggregates.read(key))
    return { state, scores: scoreSurvey(survey, state, selfAssessment ? { selfAssessment } : {}) }
  })
}

/**
 * `GET /api/scores?surveyId=&version=`: the scoring engine of shared/ on the aggregate state, with
 * the current imported self-assessment set (totals and classification need it).
 * `GET /api/scores/explain?surveyId=&version=&unitId=`: one unit's score taken apart (criteria,
 * questions, groups, distributions, intervals), its group × domain matrix and the province average.
 */
export const scoreRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    currentUser(c, ['admin', 'analyst'])
    return c.json(officialScores(c, surveyFromQuery(c)).scores satisfies ScoresReply)
  })
  .get('/explain', (c) => {
    currentUser(c, ['admin', 'analyst'])
    const survey = surveyFromQuery(c)
    const unitId = c.req.query('unitId') ?? ''
    if (!unitId) throw new DomainError('required-field', { field: 'unitId' })
    if (!survey.units.some((u) => u.id === unitId)) {
      throw new DomainError('analysis-unit-not-found', {
        status: 404,
        field: 'unitId',
        params: { unitId: unitId.slice(0, 100) },
      })
    }
    const { state, scores } = officialScores(c, survey)
    return c.json(explainUnitReply(survey, state, scores, unitId)! satisfies ExplainReply)
  })
