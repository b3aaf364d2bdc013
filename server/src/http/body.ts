import type { Context } from 'hono'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { AppEnv } from './context.ts'
import { fail } from './errors.ts'

/**
 * Most bytes a gzip request body may inflate to: the bound a plain body has (app.ts), so what
 * the JSON parser is given never grows with the encoding. A body of a few kilobytes can inflate
 * to gigabytes: zlib stops at this many bytes instead.
 */
export const MAX_INFLATED_BYTES = 5 * 1024 * 1024

const inflate = promisify(gunzip)

/**
 * The request body as text. Devices on slow links send it gzipped (`Content-Encoding: gzip`,
 * docs/sync.md): it is inflated off the event loop, up to MAX_INFLATED_BYTES.
 */
async function bodyText(c: Context<AppEnv>): Promise<string> {
  const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase()
  if (encoding === 'identity' || encoding === '') return c.req.text()
  if (encoding !== 'gzip') fail('unsupported-content-encoding', { status: 415, params: { encoding } })
  const raw = Buffer.from(await c.req.arrayBuffer())
  let inflated: Buffer
  try {
    inflated = await inflate(raw, { maxOutputLength: MAX_INFLATED_BYTES })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      fail('inflated-too-large', { status: 413, params: { limit: `${MAX_INFLATED_BYTES / 2 ** 20} MB` } })
    }
    fail('invalid-gzip')
  }
  return new TextDecoder().decode(inflated)
}

/** Deepest JSON nesting accepted; responses and surveys need far less. */
const MAX_DEPTH = 32

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth
  let max = depth
  for (const child of Object.values(value as Record<string, unknown>)) {
    max = Math.max(max, depthOf(child, depth + 1))
    if (max > MAX_DEPTH) break
  }
  return max
}

/** Parses the JSON request body, refusing malformed and absurdly deep documents with a 400. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await bodyText(c)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    fail('invalid-json')
  }
  if (depthOf(value) > MAX_DEPTH) fail('json-too-deep', { params: { max: MAX_DEPTH } })
  return value
}

/** The value at `key` of a JSON object body, or a 400 naming the field. */
export function requireObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('invalid-json')
  return value as Record<string, unknown>
}
