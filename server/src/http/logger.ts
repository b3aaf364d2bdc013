import type { MiddlewareHandler } from 'hono'
import { pino, type Logger } from 'pino'
import type { LogLevel } from '../config.ts'
import type { AppEnv } from './context.ts'

export type { Logger }

/**
 * The server's log: one JSON object a line on stdout (journald keeps it), with ISO times. Silent
 * unless given a level, so tests that build apps print nothing.
 */
export function createLogger(level: LogLevel = 'silent', destination?: pino.DestinationStream): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }
  // Synchronous writes: a line logged just before the process exits is not lost.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }))
}

/** Probes a load balancer or Prometheus makes every few seconds: logged at debug only. */
const PROBES = new Set(['/api/health', '/api/ready', '/metrics'])

/**
 * Logs each request once it is answered, with its request id (hono's requestId middleware,
 * which takes a well-formed incoming `X-Request-Id` and echoes it), route, status and duration.
 * Handlers log under the same id through `c.get('log')`.
 */
export function logRequests(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    const log = logger.child({ reqId: c.get('requestId') })
    c.set('log', log)
    await next()
    const line = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ip: c.get('client')?.ip,
      user: c.get('user')?.username,
    }
    if (PROBES.has(c.req.path)) log.debug(line, 'request')
    else log.info(line, 'request')
  }
}
