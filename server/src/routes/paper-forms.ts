import {
  compareKeyings,
  DomainError,
  type PaperFormDetail,
  type PaperFormPage,
  type PaperFormState,
  type PaperFormSummary,
  type Response,
} from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import type { StoredPaperForm } from '../db/paper-forms.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'
import { positiveIntegerQuery } from '../http/query.ts'
import { parseSettleRequest, visibleForm } from '../paper/settle-rules.ts'
import type { Services } from '../services.ts'
import { surveyFromQuery } from './survey-param.ts'

const STATES: readonly PaperFormState[] = ['awaiting', 'matched', 'conflict', 'resolved']
const DEFAULT_PAGE = 200
const MAX_PAGE = 1000

const summary = ({ countedId: _counted, ...form }: StoredPaperForm): PaperFormSummary => form

async function detail(services: Services, form: StoredPaperForm): Promise<PaperFormDetail> {
  const keyings = await services.paperFormReads.keyings(form.id)
  const detailed = keyings.map(({ body, receivedById: _by, ...k }) => ({
    ...k,
    response: JSON.parse(body) as Response,
  }))
  const [first, ...later] = detailed
  const survey = first && (await services.surveys.get(first.response.surveyId, first.response.surveyVersion))?.survey
  const order = survey ? survey.questions.map((q) => q.id) : []
  const keyers = keyings.map((k) => k.receivedById ?? 0)
  return {
    ...summary(form),
    keyingsDetail: detailed,
    differences: first
      ? later.map((k) => ({ keying: k.keying, differences: compareKeyings(first.response, k.response, order) }))
      : [],
    sameKeyer: new Set(keyers).size < keyers.length,
    countedResponseId: form.countedId,
  }
}

function formIdParam(text: string): number {
  const id = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id)) {
    throw new DomainError('paper-entry-form-not-found', { status: 404, params: { id: text.slice(0, 20) } })
  }
  return id
}

/**
 * Paper forms under double entry (docs/paper-forms.md): the list per survey (`?state=` to filter),
 * one form's keyings side by side, and `POST /:id/resolve` to settle it (supervisors of its unit
 * and admins; analysts read).
 */
export const paperFormRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
    const survey = await surveyFromQuery(c)
    const stateText = c.req.query('state') || null
    if (stateText !== null && !STATES.includes(stateText as PaperFormState)) {
      throw new DomainError('invalid-request', { field: 'state' })
    }
    const forms = await c.get('services').paperFormReads.list({
      surveyId: survey.id,
      state: stateText as PaperFormState | null,
      units: user.role === 'supervisor' ? user.units : 'all',
      limit: Math.min(positiveIntegerQuery(c, 'limit') ?? DEFAULT_PAGE, MAX_PAGE),
    })
    return c.json({ forms: forms.map(summary) } satisfies PaperFormPage)
  })
  .get('/:id', async (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
    const services = c.get('services')
    const id = formIdParam(c.req.param('id'))
    return c.json(await detail(services, visibleForm(await services.paperFormReads.form(id), user, id)))
  })
  .post('/:id/resolve', async (c) => {
    const user = currentUser(c, ['admin', 'supervisor'])
    const services = c.get('services')
    const id = formIdParam(c.req.param('id'))
    const request = parseSettleRequest(requireObject(await readJson(c)))
    return c.json(await detail(services, await services.paperFormActions.resolve(user, id, request)))
  })
