import { DomainError } from '@parsurvey/shared'
import { Hono } from 'hono'
import { requireRole } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'

/** Published survey definitions for devices and dashboards (any logged-in role). */
export const surveyRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'analyst', 'supervisor', 'surveyor'))
  .get('/', (c) => c.json({ surveys: c.get('services').surveys.list() }))
  .get('/:id/versions/:version', (c) => {
    const id = c.req.param('id')
    const version = Number(c.req.param('version'))
    const found = Number.isInteger(version) ? c.get('services').surveys.get(id, version) : undefined
    if (!found) throw new DomainError('survey-not-found', { status: 404, field: 'version', params: { id, version: c.req.param('version') } })
    // Published versions never change, so the content hash is a perfect ETag.
    const etag = `"${found.hash}"`
    c.header('ETag', etag)
    c.header('Cache-Control', 'private, no-cache')
    if (c.req.header('if-none-match') === etag) return c.body(null, 304)
    return c.json(found.survey)
  })
