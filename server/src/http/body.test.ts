import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorOf, makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'
import { MAX_INFLATED_BYTES } from './body.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

/** POST /api/sync as the surveyor with a body encoded as `encoding`. */
async function postEncoded(body: Uint8Array, encoding: string, locale = 'en') {
  const cookie = await t.login('surveyor')
  return t.app.request('/api/sync', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'content-encoding': encoding, 'accept-language': locale },
    body,
  })
}

describe('gzip request bodies', () => {
  it('stores a gzipped sync batch as it stores a plain one', async () => {
    const responses = [makeResponse(), makeResponse()]
    const res = await postEncoded(gzipSync(JSON.stringify({ responses })), 'GZip ')
    expect(res.status).toBe(200)
    const reply = (await res.json()) as { results: { id: string; status: string }[] }
    expect(reply.results.map((r) => r.status)).toEqual(['stored', 'stored'])
    expect(t.db.prepare('SELECT COUNT(*) FROM responses').pluck().get()).toBe(2)
  })

  it('refuses with a translated 413 a small body that inflates past the limit, without inflating it all', async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_INFLATED_BYTES * 4, ' '))
    expect(bomb.length).toBeLessThan(64 * 1024)
    const res = await postEncoded(bomb, 'gzip', 'vi')
    expect(res.status).toBe(413)
    const error = await errorOf(res)
    expect(error.code).toBe('inflated-too-large')
    expect(error.message).toContain('5 MB')
    expect(error.message).toMatch(/giải nén/)
  })

  it('says what is wrong with a body that is not gzip, or an encoding it does not take', async () => {
    const broken = await postEncoded(new TextEncoder().encode('{"responses":[]}'), 'gzip')
    expect(broken.status).toBe(400)
    expect((await errorOf(broken)).code).toBe('invalid-gzip')
    const brotli = await postEncoded(new TextEncoder().encode('{"responses":[]}'), 'br')
    expect(brotli.status).toBe(415)
    expect((await errorOf(brotli)).message).toContain('"br"')
  })
})
