import { DomainError, formatSurveyIssue, type RoundReply, type SurveySummary } from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser, requireRole } from '../auth/middleware.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'
import { publishSurveyText, surveyFileNameFor } from '../survey/publish.ts'
import { effectiveRound, readRound, setRound } from '../survey/round.ts'

/**
 * Published survey definitions for devices and dashboards (any logged-in role), and
 * `POST /` to publish a YAML or JSON definition (admin; `?dryRun=1` only validates), and
 * `PUT /:id/round` to set the survey round of every version (admin, audited).
 */
export const surveyRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'analyst', 'supervisor', 'surveyor'))
  .get('/', (c) => {
    const services = c.get('services')
    const surveys = services.surveys
      .list()
      .map(({ survey, ...summary }): SurveySummary => ({ ...summary, round: effectiveRound(services, survey) }))
    return c.json({ surveys })
  })
  .put('/:id/round', async (c) => {
    const user = currentUser(c, ['admin'])
    const round = readRound(requireObject(await readJson(c)))
    const surveyId = c.req.param('id')
    const reply: RoundReply = { surveyId, round: setRound(c.get('services'), surveyId, round, user.id) }
    return c.json(reply)
  })
  .get('/:id/versions/:version', (c) => {
    const id = c.req.param('id')
    const version = Number(c.req.param('version'))
    const found = Number.isInteger(version) ? c.get('services').surveys.get(id, version) : undefined
    if (!found)
      throw new DomainError('survey-not-found', {
        status: 404,
        field: 'version',
        params: { id, version: c.req.param('version') },
      })
    // Published versions never change, so the content hash is a perfect ETag.
    const etag = `"${found.hash}"`
    c.header('ETag', etag)
    c.header('Cache-Control', 'private, no-cache')
    if (c.req.header('if-none-match') === etag) return c.body(null, 304)
    return c.json(found.survey)
  })
  .post('/', async (c) => {
    const user = currentUser(c, ['admin'])
    const contentType = c.req.header('content-type')
    const fileName = surveyFileNameFor(contentType)
    if (!fileName)
      throw new DomainError('survey-upload-content-type', { status: 415, params: { contentType: contentType ?? '' } })
    const dryRun = ['1', 'true'].includes(c.req.query('dryRun') ?? '')
    const outcome = publishSurveyText(c.get('services'), await c.req.text(), fileName, { userId: user.id, dryRun })
    const locale = c.get('locale')
    if (!outcome.ok) {
      const body = new DomainError('survey-invalid', { status: 422, params: { count: outcome.issues.length } }).toBody(
        locale,
      )
      const issues = outcome.issues.map((issue) => ({
        path: issue.path,
        code: issue.code,
        message: formatSurveyIssue(issue, locale),
      }))
      return c.json({ ...body, issues }, 422)
    }
    const { survey, hash, created } = outcome
    return c.json({ id: survey.id, version: survey.version, hash, created, dryRun }, created && !dryRun ? 201 : 200)
  })
