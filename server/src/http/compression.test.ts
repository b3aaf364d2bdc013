import { Hono } from 'hono'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { compression } from './compression.ts'

const LINE = 'unit-0042,leader,q07,Tốt,1,2026-11-30T08:00:00Z\r\n'

/** A CSV-like stream of `total` bytes made on demand, recording how much was made and whether it was cancelled. */
function source(total: number, failAfter = Infinity) {
  const state = { made: 0, cancelled: false }
  const chunk = new TextEncoder().encode(LINE.repeat(1000))
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.made >= failAfter) throw new Error('the database went away')
      if (state.made >= total) return controller.close()
      state.made += chunk.length
      controller.enqueue(chunk)
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { state, stream }
}

function appWith(body: () => Response) {
  return new Hono().use(compression()).get('/file', () => body())
}

const gzipHeaders = { 'Accept-Encoding': 'gzip, deflate, br' }

describe('compression', () => {
  it('reads a streamed export only as fast as the client takes it', async () => {
    const big = source(600 * 2 ** 20)
    const app = appWith(() => new Response(big.stream, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } }))
    const res = await app.request('/file', { headers: gzipHeaders })
    expect(res.headers.get('Content-Encoding')).toBe('gzip')
    const reader = res.body!.getReader()
    expect((await reader.read()).done).toBe(false)
    // One gzip chunk asked for: zlib's buffers fill with CSV (these lines shrink ~500×, so that is a
    // few MB), then nothing more is made while the client waits; not the 600 MB it has not taken.
    let made = -1
    for (let i = 0; i < 50 && made !== big.state.made; i++) {
      made = big.state.made
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(made).toBeLessThan(64 * 2 ** 20)
    await new Promise((r) => setTimeout(r, 300))
    expect(big.state.made).toBe(made)
    await reader.cancel()
    await new Promise((r) => setTimeout(r, 10))
    expect(big.state.cancelled).toBe(true)
  })

  it('gives the same bytes back once unzipped, and says it varies with Accept-Encoding', async () => {
    const csv = source(3 * 2 ** 20)
    const app = appWith(() => new Response(csv.stream, { headers: { 'Content-Type': 'text/csv' } }))
    const res = await app.request('/file', { headers: gzipHeaders })
    expect(res.headers.get('Vary')).toBe('Accept-Encoding')
    expect(res.headers.get('Content-Length')).toBeNull()
    const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')
    expect(Buffer.byteLength(text)).toBe(csv.state.made)
    expect(text.startsWith(LINE)).toBe(true)
  })

  it('fails the download when the source fails midway, rather than ending a shorter file cleanly', async () => {
    const broken = source(10 * 2 ** 20, 2 * 2 ** 20)
    const app = appWith(() => new Response(broken.stream, { headers: { 'Content-Type': 'text/csv' } }))
    const res = await app.request('/file', { headers: gzipHeaders })
    await expect(res.arrayBuffer()).rejects.toThrow()
  })

  it.each([
    ['the client does not accept gzip', { 'Accept-Encoding': 'identity' }, { 'Content-Type': 'application/json' }],
    ['the client refuses gzip', { 'Accept-Encoding': 'gzip;q=0' }, { 'Content-Type': 'application/json' }],
    ['a small body', gzipHeaders, { 'Content-Type': 'application/json', 'Content-Length': '12' }],
    ['an image', gzipHeaders, { 'Content-Type': 'image/png' }],
    ['no-transform', gzipHeaders, { 'Content-Type': 'text/csv', 'Cache-Control': 'private, no-transform' }],
    ['already encoded', gzipHeaders, { 'Content-Type': 'text/csv', 'Content-Encoding': 'br' }],
  ] as [string, Record<string, string>, Record<string, string>][])(
    'leaves the body as it is when %s',
    async (_, request, headers) => {
      const body = JSON.stringify({ ok: 'đúng' }).padEnd(headers['Content-Length'] ? 12 : 5000)
      const app = appWith(() => new Response(body, { headers }))
      const res = await app.request('/file', { headers: request })
      expect(res.headers.get('Content-Encoding')).toBe(headers['Content-Encoding'] ?? null)
      expect(await res.text()).toBe(body)
    },
  )

  it('sends HEAD answers untouched', async () => {
    const app = new Hono()
      .use(compression())
      .on('HEAD', '/file', () => new Response(null, { headers: { 'Content-Type': 'text/csv' } }))
    const res = await app.request('/file', { method: 'HEAD', headers: gzipHeaders })
    expect(res.headers.get('Content-Encoding')).toBeNull()
  })
})
