import { DomainError, type BatchWithCodes, type CodeBatchList } from '@parsurvey/shared'
import type { Context } from 'hono'
import { Hono } from 'hono'
import { currentUser, requireRole } from '../auth/middleware.ts'
import { readBatchInput } from '../codes/batch-input.ts'
import { batchCsv } from '../codes/batch-csv.ts'
import { auditReveal, batchWithCodes, issueBatch } from '../codes/batches.ts'
import { batchSlipsHtml } from '../codes/slips.ts'
import { attachment } from '../export/attachment.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'

/** The batch named by the path, its codes readable; the read is audited (codes are secrets). */
async function revealBatch(c: Context<AppEnv>, id: string, format: 'json' | 'csv' | 'slips') {
  const user = currentUser(c)
  const services = c.get('services')
  const batch = await batchWithCodes(services, Number(id))
  await auditReveal(services, user.id, batch.id, format)
  const survey = (await services.surveys.get(batch.surveyId, batch.surveyVersion))!.survey
  // Codes must not linger in shared caches or the browser's back-forward cache.
  c.header('Cache-Control', 'no-store')
  return { batch, survey }
}

/** Access-code batches: issue, list, read, download as CSV or printable slips (admins, analysts). */
export const codesRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'analyst'))
  .post('/batches', async (c) => {
    const user = currentUser(c)
    const services = c.get('services')
    const input = await readBatchInput(services, requireObject(await readJson(c)), new Date())
    c.header('Cache-Control', 'no-store')
    return c.json((await issueBatch(services, input, user.id)) satisfies BatchWithCodes, 201)
  })
  .get('/batches', async (c) => {
    const surveyId = c.req.query('surveyId')
    if (!surveyId) throw new DomainError('required-field', { field: 'surveyId' })
    const raw = c.req.query('version')
    const version = raw === undefined ? null : Number(raw)
    if (version !== null && !Number.isInteger(version))
      throw new DomainError('invalid-field', { field: 'version', params: { reason: 'integer' } })
    const batches = await c.get('services').accessCodes.list(surveyId, version, new Date())
    return c.json({ batches } satisfies CodeBatchList)
  })
  .get('/batches/:file{[0-9]+\\.csv}', async (c) => {
    const { batch, survey } = await revealBatch(c, c.req.param('file').replace(/\.csv$/, ''), 'csv')
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header(
      'Content-Disposition',
      attachment(`codes-${batch.surveyId}-${batch.unitId}-${batch.groupId}-${batch.id}.csv`),
    )
    return c.body(batchCsv(survey, batch, c.get('client').publicOrigin, c.get('locale')))
  })
  .get('/batches/:id{[0-9]+}/slips', async (c) => {
    const { batch, survey } = await revealBatch(c, c.req.param('id'), 'slips')
    return c.html(await batchSlipsHtml(survey, batch, c.get('client').publicOrigin))
  })
  .get('/batches/:id{[0-9]+}', async (c) =>
    c.json((await revealBatch(c, c.req.param('id'), 'json')).batch satisfies BatchWithCodes),
  )
