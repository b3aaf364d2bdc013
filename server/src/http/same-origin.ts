import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './context.ts'
import { fail } from './errors.ts'

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/

/**
 * Refuses a state-changing request that a browser made from another site, whatever its content
 * type. Hono's csrf() checks only form-like content types, relying on CORS preflight to stop
 * cross-site JSON; this makes the rule explicit (defence in depth, and no reliance on a CORS
 * setting nobody may loosen later). The browser's own Sec-Fetch-Site decides when present (it
 * cannot be forged by a page, and stays right behind a proxy that rewrites Host); otherwise the
 * Origin header must be ours: the request's own (https when a trusted proxy says so) or PUBLIC_URL. Requests with neither (CLI, scripts, curl) carry no ambient
 * browser credentials to abuse, so they pass.
 */
export function refuseCrossSiteWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHOD.test(c.req.method)) {
      const site = c.req.header('sec-fetch-site')
      const origin = c.req.header('origin')
      const client = c.get('client')
      const crossSite =
        site !== undefined
          ? site === 'cross-site' || site === 'same-site'
          : origin !== undefined && origin !== client.origin && origin !== client.publicOrigin
      if (crossSite) fail('cross-site-request', { status: 403 })
    }
    await next()
  }
}
