import {
  DomainError,
  unitResolver,
  type RegisterApplied,
  type RegisterEntry,
  type RegisterList,
  type RegisterPreview,
  type RegisterRefusal,
} from '@parsurvey/shared'
import type { Context } from 'hono'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { currentUser, requireRole } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { applyRegister, previewRegister, registerSurvey } from '../register/import.ts'
import { personFields } from '../register/register-people.ts'
import { readRegisterTable, REGISTER_MAX_BYTES } from '../register/read-register.ts'
import { openedDay } from '../register/opened-day.ts'

const limit = bodyLimit({
  maxSize: REGISTER_MAX_BYTES,
  onError: () => {
    throw new DomainError('register-too-large', { status: 413, params: { limit: '2 MB' } })
  },
})

const readBody = async (c: Context<AppEnv>) =>
  readRegisterTable(new Uint8Array(await c.req.arrayBuffer()), c.req.header('content-type'))

/**
 * The respondent register of a survey (admins only: it names people): the list, and the import
 * of a CSV/XLSX file, previewed row by row and applied only when no row has an error.
 */
export const respondentsRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .use(async (c, next) => {
    // Names, contacts and (for reprints) codes must not linger in caches.
    c.header('Cache-Control', 'no-store')
    await next()
  })
  .get('/:surveyId', async (c) => {
    const services = c.get('services')
    const survey = await registerSurvey(services, c.req.param('surveyId'))
    const { ordered } = unitResolver(survey)
    const respondents: RegisterEntry[] = (await services.respondents.list(survey.id)).map((p) => ({
      id: p.id,
      ...personFields(p),
      units: ordered(p.units),
      done: p.unitStates.filter((s) => s.submitted).length,
      openedOn: openedDay(p.openedAt),
    }))
    return c.json({ surveyId: survey.id, surveyVersion: survey.version, respondents } satisfies RegisterList)
  })
  .post('/:surveyId/preview', limit, async (c) =>
    c.json(
      (await previewRegister(
        c.get('services'),
        c.req.param('surveyId'),
        await readBody(c),
        c.get('locale'),
      )) satisfies RegisterPreview,
    ),
  )
  .post('/:surveyId/apply', limit, async (c) => {
    const table = await readBody(c)
    const outcome = await applyRegister(c.get('services'), c.req.param('surveyId'), table, {
      userId: currentUser(c).id,
      source: c.req.query('fileName') ?? '',
      locale: c.get('locale'),
    })
    if ('refused' in outcome) {
      const error = new DomainError('register-has-errors', {
        status: 422,
        params: { count: outcome.refused.errorCount },
      }).toBody(c.get('locale'))
      return c.json({ ...error, preview: outcome.refused } satisfies RegisterRefusal, 422)
    }
    return c.json(outcome.applied satisfies RegisterApplied, 201)
  })
