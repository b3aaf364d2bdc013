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

export type Http = <T>(method: string, path: string, body?: unknown) => Promise<T>

/** A JSON-over-fetch caller: same-origin cookies, typed errors, network failure kept apart. */
export function createHttp({ fetch, locale, baseUrl = '' }: HttpOptions): Http {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale() }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    let reply: Response
    try {
      reply = await fetch(baseUrl + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? null : JSON.stringify(body),
      })
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
