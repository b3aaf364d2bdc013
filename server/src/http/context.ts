import type { Locale } from '@parsurvey/shared'
import type { RequestIdVariables } from 'hono/request-id'
import type { User } from '../db/users.ts'
import type { Services } from '../services.ts'
import type { Client } from './client.ts'
import type { Logger } from './logger.ts'
import type { Metrics } from './metrics.ts'

/** Variables every handler can read with `c.get(...)`. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    services: Services
    locale: Locale
    user: User | undefined
    /** Who sent the request and the origins to use for it (http/client.ts). */
    client: Client
    /** The request's logger, its lines carrying the request id. */
    log: Logger
    /** The app's Prometheus metrics (http/metrics.ts). */
    metrics: Metrics
  }
}
