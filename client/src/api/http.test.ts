import { describe, expect, it } from 'vitest'
import { requestJson, testResponse } from '../test/fixtures.ts'
import { createApi } from './endpoints.ts'
import { createHttp, type FetchFn } from './http.ts'

describe('request bodies on the wire', () => {
  it('sends a sync batch gzipped, several times smaller than its JSON, and the server reads the same batch', async () => {
    const seen: RequestInit[] = []
    const fetch: FetchFn = async (_url, init) => {
      seen.push(init!)
      return new Response(JSON.stringify({ results: [] }), { status: 200 })
    }
    const responses = Array.from({ length: 50 }, () => testResponse())
    await createApi(createHttp({ fetch, locale: () => 'vi' })).sync(responses)
    const [init] = seen
    expect(new Headers(init!.headers).get('content-encoding')).toBe('gzip')
    const sentBytes = (init!.body as ArrayBuffer).byteLength
    expect(sentBytes * 3).toBeLessThan(JSON.stringify({ responses }).length)
    expect(await requestJson(init)).toEqual({ responses })
  })

  it('sends a log-in as plain JSON', async () => {
    const seen: RequestInit[] = []
    const fetch: FetchFn = async (_url, init) => {
      seen.push(init!)
      return new Response(JSON.stringify({ user: {} }), { status: 200 })
    }
    await createApi(createHttp({ fetch, locale: () => 'vi' })).login('lan', 'secret')
    expect(new Headers(seen[0]!.headers).get('content-encoding')).toBeNull()
    expect(seen[0]!.body).toBe('{"username":"lan","password":"secret"}')
  })
})
