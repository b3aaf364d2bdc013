import type { Pool } from 'undici'
import { gunzipSync } from 'node:zlib'

export type Timed = { status: number; ms: number; text: string; bytes: number }

/** Bytes an HTTP/1.1 header block takes: the first line, `name: value\r\n` each, and the blank line. */
function headerBytes(firstLine: string, headers: Record<string, string | string[] | undefined>): number {
  let bytes = firstLine.length + 2 + 2
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) bytes += name.length + 2 + one.length + 2
  }
  return bytes
}

/**
 * One request through `pool`: its wall time to the last byte, status, body as text (unzipped) and the bytes on the wire both
 * ways — request line, headers and body, and the answer's status line, headers and body as sent.
 */
export async function timedRequest(
  pool: Pool,
  options: { path: string; method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
): Promise<Timed> {
  const start = performance.now()
  const res = await pool.request(options)
  const chunks: Buffer[] = []
  for await (const chunk of res.body) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  const ms = performance.now() - start
  const sent = headerBytes(`${options.method} ${options.path} HTTP/1.1`, { host: 'x', ...options.headers }) + Buffer.byteLength(options.body ?? '')
  const received = headerBytes(`HTTP/1.1 ${res.statusCode} OK`, res.headers) + body.length
  const gzipped = res.headers['content-encoding'] === 'gzip'
  return { status: res.statusCode, ms, text: (gzipped ? gunzipSync(body) : body).toString('utf8'), bytes: sent + received }
}

/** The scripts, styles and module preloads the app page at `pagePath` names, as a browser without a cache fetches them. */
export async function pageAssets(pool: Pool, pagePath: string): Promise<string[]> {
  const page = await timedRequest(pool, { path: pagePath, method: 'GET' })
  const found = [...page.text.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
  return [...new Set(found)]
}
