import {
  previewAdjustments,
  type AdjustmentsApplied,
  type AdjustmentsPreview,
  type AdjustmentsState,
} from '@parsurvey/shared'
import { Hono } from 'hono'
import { requireRole } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { applyUpload, previewUpload, scoreInputLimit } from './score-input-import.ts'
import { surveyFromQuery } from './survey-param.ts'

const limit = scoreInputLimit('adjustments')

/**
 * Bonus and penalty points (điểm thưởng / điểm trừ; analyst, admin): preview a CSV/XLSX file of
 * `unitId, points, reason` rows, apply it as the new list (only when it has no errors; audited),
 * read the current list and the history of imports. The checks are shared/src/score-inputs, as
 * the CLI's `--adjustments`.
 */
export const adjustmentsRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'analyst'))
  .get('/', async (c) => {
    const survey = await surveyFromQuery(c)
    const key = { surveyId: survey.id, surveyVersion: survey.version }
    const { adjustments } = c.get('services')
    const state: AdjustmentsState = {
      ...key,
      current: (await adjustments.current(key)) ?? null,
      history: await adjustments.history(key),
    }
    return c.json(state satisfies AdjustmentsState)
  })
  .post('/preview', limit, async (c) =>
    c.json((await previewUpload(c, 'adjustments', previewAdjustments)) satisfies AdjustmentsPreview),
  )
  .post('/apply', limit, async (c) => {
    const preview = await previewUpload(c, 'adjustments', previewAdjustments)
    const applied = await applyUpload(c, 'adjustments', preview, (key, userId, source) =>
      c.get('services').adjustments.importSet(key, preview.adjustments, userId, source),
    )
    if (applied instanceof Response) return applied
    const state: AdjustmentsState = {
      ...applied.key,
      current: applied.result,
      history: await c.get('services').adjustments.history(applied.key),
    }
    return c.json({ ...state, warnings: preview.warnings } satisfies AdjustmentsApplied, 201)
  })
