import type { ApiErrorBody } from '@parsurvey/shared'

/** The server answered with an error status; `code` and `message` come from its error body. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined

  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
  }
}

/** The request never got an answer (offline, DNS, server down): worth retrying later. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network unreachable', { cause })
    this.name = 'NetworkError'
  }
}

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>

export type HttpOptions = {
  fetch: FetchFn
  /** The UI language, sent as Accept-Language so error messages come back translated. */
  locale: () => string
  baseUrl?: string
}

/** `gzip`: send the body compressed (sync batches and submissions, on slow mobile links). */
export type SendOptions = { gzip?: boolean }

export type Http = <T>(method: string, path: string, body?: unknown, options?: SendOptions) => Promise<T>

/**
 * The JSON of a request body, gzipped with the browser's CompressionStream when asked and
 * available (the server inflates `Content-Encoding: gzip` up to a bound, docs/sync.md). A sync
 * batch shrinks about 6× — on a 50 kbit/s uplink, seconds per batch.
 */
export async function encodeBody(json: string, gzip: boolean): Promise<{ body: BodyInit; encoding?: 'gzip' }> {
  if (!gzip || typeof CompressionStream === 'undefined') return { body: json }
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'))
  return { body: await new Response(stream).arrayBuffer(), encoding: 'gzip' }
}

/** A JSON-over-fetch caller: same-origin cookies, typed errors, network failure kept apart. */
export function createHttp({ fetch, locale, baseUrl = '' }: HttpOptions): Http {
  return async <T>(method: string, path: string, body?: unknown, options: SendOptions = {}): Promise<T> => {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale() }
    let sent: BodyInit | null = null
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json'
      const encoded = await encodeBody(JSON.stringify(body), options.gzip ?? false)
      if (encoded.encoding) headers['Content-Encoding'] = encoded.encoding
      sent = encoded.body
    }
    let reply: Response
    try {
      reply = await fetch(baseUrl + path, { method, headers, credentials: 'same-origin', body: sent })
    } catch (error) {
      throw new NetworkError(error)
    }
    if (!reply.ok) throw await toApiError(reply)
    if (reply.status === 204) return undefined as T
    return (await reply.json()) as T
  }
}

async function toApiError(reply: Response): Promise<ApiError> {
  const body = (await reply.json().catch(() => null)) as Partial<ApiErrorBody> | null
  const error = body?.error
  if (error && typeof error.code === 'string') {
    return new ApiError(reply.status, error.code, error.message ?? error.code, error.field)
  }
  // A proxy or a crashed server may answer without our error body.
  return new ApiError(reply.status, `http-${reply.status}`, reply.statusText || `HTTP ${reply.status}`)
}
