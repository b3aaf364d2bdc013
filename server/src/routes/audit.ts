import type { AuditPage } from '@parsurvey/shared'
import { Hono } from 'hono'
import { requireRole } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { positiveIntegerQuery } from '../http/query.ts'

/** `GET /api/audit?before=&limit=` (admins): newest first; `next` is the `before` of the next page. */
export const auditRoutes = new Hono<AppEnv>().use(requireRole('admin')).get('/', async (c) => {
  const before = positiveIntegerQuery(c, 'before')
  const limit = Math.min(positiveIntegerQuery(c, 'limit') ?? 100, 1000)
  const entries = await c.get('services').audit.list({ before, limit })
  const next = entries.length === limit ? (entries.at(-1)?.seq ?? null) : null
  return c.json({ entries, next } satisfies AuditPage)
})
