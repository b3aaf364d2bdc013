import {
  previewSelfAssessment,
  type SelfAssessmentApplied,
  type SelfAssessmentPreview,
  type SelfAssessmentState,
} from '@parsurvey/shared'
import { Hono } from 'hono'
import { requireRole } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { applyUpload, previewUpload, scoreInputLimit } from './score-input-import.ts'
import { surveyFromQuery } from './survey-param.ts'

const limit = scoreInputLimit('self-assessment')

/**
 * Appraised self-assessment points per unit, optionally per domain (analyst, admin): preview a
 * CSV/XLSX file, apply it as a new set (only when it has no errors), read the current set and the
 * history of imports. The checks are shared/src/score-inputs, as the CLI's `--self`.
 */
export const selfAssessmentRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'analyst'))
  .get('/', async (c) => {
    const survey = await surveyFromQuery(c)
    const key = { surveyId: survey.id, surveyVersion: survey.version }
    const { selfAssessments } = c.get('services')
    return c.json({
      surveyId: survey.id,
      surveyVersion: survey.version,
      current: (await selfAssessments.current(key)) ?? null,
      history: await selfAssessments.history(key),
    } satisfies SelfAssessmentState)
  })
  .post('/preview', limit, async (c) =>
    c.json((await previewUpload(c, 'self-assessment', previewSelfAssessment)) satisfies SelfAssessmentPreview),
  )
  .post('/apply', limit, async (c) => {
    const preview = await previewUpload(c, 'self-assessment', previewSelfAssessment)
    const applied = await applyUpload(c, 'self-assessment', preview, (key, userId, source) =>
      c.get('services').selfAssessments.importSet(key, new Map(Object.entries(preview.values)), userId, source, {
        domains: preview.domainValues,
      }),
    )
    if (applied instanceof Response) return applied
    return c.json(
      {
        ...applied.key,
        current: applied.result ?? null,
        warnings: preview.warnings,
        missingUnits: preview.missingUnits,
      } satisfies SelfAssessmentApplied,
      201,
    )
  })
