import { afterEach, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../testing/harness.ts'
import { createLogger } from './logger.ts'

let t: TestApp
afterEach(() => t.close())

/** An app whose log lines are collected, parsed, instead of written to stdout. */
async function appWithLog() {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) })
  t = await startTestApp({ app: { logger, trustProxy: ['127.0.0.1'] } })
  return lines
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('request ids and JSON request logs', () => {
  it('gives every answer an X-Request-Id, and logs the request once as JSON under that id', async () => {
    const lines = await appWithLog()
    const res = await t.request('/api/surveys', {
      as: 'analyst',
      peer: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.5' },
    })
    const id = res.headers.get('x-request-id')!
    expect(id).toMatch(UUID)
    const logged = lines.filter((line) => line.reqId === id)
    expect(logged).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request',
        method: 'GET',
        path: '/api/surveys',
        status: 200,
        ip: '203.0.113.5',
        user: 'analyst',
      }),
    ])
    expect(typeof logged[0]!.ms).toBe('number')
    expect(Date.parse(logged[0]!.time as string)).not.toBeNaN()
  })

  it("echoes a proxy's well-formed X-Request-Id, and replaces one that could forge log lines", async () => {
    await appWithLog()
    const echoed = await t.request('/api/health', { headers: { 'x-request-id': 'caddy-7f3a=' } })
    expect(echoed.headers.get('x-request-id')).toBe('caddy-7f3a=')
    const forged = await t.request('/api/health', { headers: { 'x-request-id': 'a","level":60,"x":"' } })
    expect(forged.headers.get('x-request-id')).toMatch(UUID)
  })

  it('logs errors answered 500 with the request id and the error, and refusals at info', async () => {
    const lines = await appWithLog()
    t.db.exec('DROP TABLE audit_log')
    const failed = await t.request('/api/audit', { as: 'admin' })
    expect(failed.status).toBe(500)
    const id = failed.headers.get('x-request-id')
    expect(lines.find((line) => line.reqId === id && line.level === 50)).toMatchObject({
      msg: 'internal error',
      err: { type: 'SqliteError' },
    })
    const refused = await t.request('/api/audit')
    expect(refused.status).toBe(401)
    expect(lines.find((line) => line.reqId === refused.headers.get('x-request-id'))).toMatchObject({
      level: 30,
      status: 401,
    })
  })

  it('is silent by default, so tests print nothing', () => {
    expect(createLogger().level).toBe('silent')
  })
})
