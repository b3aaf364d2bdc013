import { DomainError } from '@parsurvey/shared'
import type { Context } from 'hono'
import { Hono } from 'hono'
import { clientIp } from '../auth/rate-limit.ts'
import { openCode, submitWithCode } from '../codes/respond.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'

/** The caller's IP, once it is allowed to look codes up (429 with Retry-After otherwise). */
function allowedIp(c: Context<AppEnv>): string {
  const ip = clientIp(c)
  const check = c.get('services').codeLookups.check(ip)
  if (!check.ok) {
    c.header('Retry-After', String(check.retryAfterSeconds))
    throw new DomainError('code-rate-limited', {
      status: 429,
      params: { minutes: Math.ceil(check.retryAfterSeconds / 60) },
    })
  }
  return ip
}

/**
 * Respondents with a one-time access code, no account: open the questionnaire (`GET`) and send
 * the answers (`POST`). Answers carry no cookie and are never cached.
 */
export const respondRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    c.header('Cache-Control', 'no-store')
    await next()
  })
  .get('/:code', (c) => c.json(openCode(c.get('services'), c.req.param('code'), allowedIp(c))))
  .post('/:code', async (c) => {
    const ip = allowedIp(c)
    const body = requireObject(await readJson(c))
    const receipt = submitWithCode(c.get('services'), c.req.param('code'), body, ip, c.get('locale'))
    return c.json(receipt, receipt.status === 'stored' ? 201 : 200)
  })
