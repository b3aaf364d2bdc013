import { DomainError, type SelfAssessmentPreview } from '@parsurvey/shared'
import type { Context } from 'hono'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requireRole } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { previewSelfAssessment } from '../self-assessment/preview.ts'
import { readSelfAssessmentTable } from '../self-assessment/read-table.ts'
import { surveyFromQuery } from './survey-param.ts'

/** Largest self-assessment file accepted: a province has at most a few hundred units. */
export const SELF_ASSESSMENT_MAX_BYTES = 2 * 1024 * 1024

const limit = bodyLimit({
  maxSize: SELF_ASSESSMENT_MAX_BYTES,
  onError: () => {
    throw new DomainError('self-assessment-too-large', { status: 413, params: { limit: '2 MB' } })
  },
})

async function preview(c: Context<AppEnv>): Promise<SelfAssessmentPreview> {
  const survey = surveyFromQuery(c)
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  return previewSelfAssessment(
    survey,
    await readSelfAssessmentTable(bytes, c.req.header('content-type')),
    c.get('locale'),
  )
}

/**
 * Appraised self-assessment points per unit (analyst, admin): preview a CSV/XLSX file, apply it
 * as a new set (only when it has no errors), read the current set and the history of imports.
 */
export const selfAssessmentRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'analyst'))
  .get('/', (c) => {
    const survey = surveyFromQuery(c)
    const key = { surveyId: survey.id, surveyVersion: survey.version }
    const { selfAssessments } = c.get('services')
    return c.json({
      surveyId: survey.id,
      surveyVersion: survey.version,
      current: selfAssessments.current(key) ?? null,
      history: selfAssessments.history(key),
    })
  })
  .post('/preview', limit, async (c) => c.json(await preview(c)))
  .post('/apply', limit, async (c) => {
    const result = await preview(c)
    if (!result.ok) {
      const error = new DomainError('self-assessment-has-errors', {
        status: 422,
        params: { count: result.errorCount },
      }).toBody(c.get('locale'))
      return c.json({ ...error, preview: result }, 422)
    }
    const { db, selfAssessments, audit } = c.get('services')
    const user = c.get('user')!
    const key = { surveyId: result.surveyId, surveyVersion: result.surveyVersion }
    const source = (c.req.query('fileName') ?? result.format ?? '').slice(0, 200)
    const current = db.transaction(() => {
      const before = selfAssessments.current(key)
      const setVersion = selfAssessments.apply(key, new Map(Object.entries(result.values)), user.id, source)
      audit.record({
        userId: user.id,
        action: 'self-assessment-apply',
        target: `${key.surveyId}@${key.surveyVersion}`,
        before: before ? { setVersion: before.setVersion, values: before.values } : null,
        after: { setVersion, values: result.values },
      })
      return selfAssessments.current(key)
    })()
    return c.json(
      {
        surveyId: key.surveyId,
        surveyVersion: key.surveyVersion,
        current,
        warnings: result.warnings,
        missingUnits: result.missingUnits,
      },
      201,
    )
  })
