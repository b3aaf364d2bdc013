import { DomainError, pickLocale } from '@parsurvey/shared'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from './context.ts'

/** Domain codes for errors raised by Hono's own middleware (body limit, CSRF guard). */
const HTTP_CODES: Record<number, string> = { 401: 'not-authenticated', 403: 'forbidden', 404: 'not-found', 413: 'payload-too-large' }

/** Throws the domain error `code` as an HTTP error (400 unless `status` says otherwise). */
export function fail(code: string, options: ConstructorParameters<typeof DomainError>[1] = {}): never {
  throw new DomainError(code, options)
}

/**
 * The one error handler: domain errors become `{ error: { code, message, field? } }` in the
 * reader's language; anything unexpected is logged and answered 500 without internals.
 */
export function onError(err: Error, c: Context<AppEnv>): Response {
  const locale = c.get('locale') ?? pickLocale(c.req.header('accept-language'))
  if (err instanceof DomainError) {
    return c.json(err.toBody(locale), err.status as ContentfulStatusCode)
  }
  if (err instanceof HTTPException) {
    const code = HTTP_CODES[err.status] ?? 'invalid-request'
    const body = new DomainError(code, { status: err.status, params: { limit: '' } }).toBody(locale)
    return c.json(body, err.status)
  }
  console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}:`, err)
  return c.json(new DomainError('internal-error', { status: 500 }).toBody(locale), 500)
}
