import { Hono } from 'hono'
import { createHash, timingSafeEqual } from 'node:crypto'
import { currentUser } from '../auth/middleware.ts'
import type { AppEnv } from '../http/context.ts'
import { fail } from '../http/errors.ts'
import type { Metrics } from '../http/metrics.ts'

/** Equal digests compare in constant time whatever the lengths of the texts. */
const digest = (text: string) => createHash('sha256').update(text).digest()
const sameSecret = (given: string, token: string) => timingSafeEqual(digest(given), digest(token))

/**
 * `GET /metrics` in Prometheus' text format, for a scraper with `Authorization: Bearer
 * <METRICS_TOKEN>` or an admin's session. A bearer token that does not match is refused even
 * when a session cookie comes with it.
 */
export const metricsRoutes = (metrics: Metrics, token: string | undefined) =>
  new Hono<AppEnv>().get('/', async (c) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim()
    if (bearer !== undefined) {
      if (!token || !sameSecret(bearer, token)) {
        c.header('WWW-Authenticate', 'Bearer realm="parsurvey metrics"')
        fail('metrics-token-invalid', { status: 401 })
      }
    } else currentUser(c, ['admin'])
    c.header('Cache-Control', 'no-store')
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType })
  })
