import { DomainError, pickLocale } from '@parsurvey/shared'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from './context.ts'

/** Domain codes for errors raised by Hono's own middleware (body limit, CSRF guard). */
const HTTP_CODES: Record<number, string> = {
  401: 'not-authenticated',
  403: 'forbidden',
  404: 'not-found',
  413: 'payload-too-large',
}

/**
 * SQLite result codes that mean the database cannot take writes right now — disk full, file or
 * folder read-only, an I/O error, or another writer holding the lock past busy_timeout — rather
 * than a bug. Extended codes (e.g. SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED) share the prefix.
 * The transaction was rolled back, so nothing half-written remains and the client may retry.
 */
const STORAGE_UNAVAILABLE = /^SQLITE_(FULL|READONLY|IOERR|BUSY|CANTOPEN)/

/** Seconds a client is asked to wait before retrying a write refused for lack of storage. */
const STORAGE_RETRY_SECONDS = 60

function isStorageUnavailable(err: Error): boolean {
  const code = (err as { code?: unknown }).code
  return err.name === 'SqliteError' && typeof code === 'string' && STORAGE_UNAVAILABLE.test(code)
}

/** Throws the domain error `code` as an HTTP error (400 unless `status` says otherwise). */
export function fail(code: string, options: ConstructorParameters<typeof DomainError>[1] = {}): never {
  throw new DomainError(code, options)
}

/**
 * Refuses a request for now: 429 with `Retry-After` and the domain error `code`, whose message
 * may say the wait as `{minutes}` or `{seconds}`.
 */
export function refuseForNow(c: Context<AppEnv>, code: string, retryAfterSeconds: number): never {
  c.header('Retry-After', String(retryAfterSeconds))
  fail(code, { status: 429, params: { minutes: Math.ceil(retryAfterSeconds / 60), seconds: retryAfterSeconds } })
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
  if (isStorageUnavailable(err)) {
    // The operator must see this at once: nothing new is stored until the disk or file is fixed.
    c.get('log')?.error({ method: c.req.method, path: c.req.path, err }, 'storage unavailable')
    c.header('Retry-After', String(STORAGE_RETRY_SECONDS))
    return c.json(new DomainError('storage-unavailable', { status: 503 }).toBody(locale), 503)
  }
  c.get('log')?.error({ method: c.req.method, path: c.req.path, err }, 'internal error')
  return c.json(new DomainError('internal-error', { status: 500 }).toBody(locale), 500)
}
