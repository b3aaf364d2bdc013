import type { BatchWithCodes } from '@parsurvey/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { LOGIN_LIMITS } from '../auth/rate-limit.ts'
import { startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
afterEach(() => t.close())

/** A failed log-in as `analyst`, sent by the TCP peer `peer` with the given headers; its status. */
async function wrongPassword(peer: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await t.request('/api/session', {
    json: { username: 'analyst', password: 'not the password' },
    peer,
    headers,
  })
  return res.status
}

/** Statuses of `perPair + 1` failed log-ins, the n-th sent with `headersFor(n)`. */
async function failedLogins(peer: string, headersFor: (n: number) => Record<string, string>): Promise<number[]> {
  const statuses: number[] = []
  for (let n = 0; n <= LOGIN_LIMITS.perPair; n++) statuses.push(await wrongPassword(peer, headersFor(n)))
  return statuses
}

const lockedOnLast = [...Array<number>(LOGIN_LIMITS.perPair).fill(401), 429]

describe('client address for the log-in limits (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For by default: a client cannot escape the limit by writing a new address each time', async () => {
    t = await startTestApp()
    expect(await failedLogins('198.51.100.7', (n) => ({ 'x-forwarded-for': `203.0.113.${n}` }))).toEqual(lockedOnLast)
  })

  it('ignores X-Forwarded-For from a peer that is not a listed proxy', async () => {
    t = await startTestApp({ app: { trustProxy: ['127.0.0.1'] } })
    expect(await failedLogins('198.51.100.7', (n) => ({ 'x-forwarded-for': `203.0.113.${n}` }))).toEqual(lockedOnLast)
  })

  it('behind a listed proxy, limits each client by the address the proxy saw, not by the proxy', async () => {
    t = await startTestApp({ app: { trustProxy: ['127.0.0.1', '10.0.0.0/8'] } })
    expect(await failedLogins('127.0.0.1', () => ({ 'x-forwarded-for': '203.0.113.5' }))).toEqual(lockedOnLast)
    // Another client behind the same proxy, and through a second listed proxy hop, is not locked.
    expect(await wrongPassword('127.0.0.1', { 'x-forwarded-for': '203.0.113.6' })).toBe(401)
    expect(await wrongPassword('127.0.0.1', { 'x-forwarded-for': '203.0.113.6, 10.1.2.3' })).toBe(401)
    // The locked client stays locked through the second hop too.
    expect(await wrongPassword('127.0.0.1', { 'x-forwarded-for': '203.0.113.5, 10.1.2.3' })).toBe(429)
  })

  it('behind a listed proxy, addresses a client wrote in front of its own are ignored', async () => {
    t = await startTestApp({ app: { trustProxy: ['::1'] } })
    // The proxy appends the address it saw (203.0.113.5) to whatever the client sent.
    const statuses = await failedLogins('::1', (n) => ({ 'x-forwarded-for': `192.0.2.${n}, 203.0.113.5` }))
    expect(statuses).toEqual(lockedOnLast)
  })
})

describe('https behind a proxy (X-Forwarded-Proto) and PUBLIC_URL', () => {
  const logIn = (init: { peer?: string; headers?: Record<string, string> }) =>
    t.request('/api/session', { json: { username: 'analyst', password: 'correct horse battery staple' }, ...init })
  const secure = async (res: Response) => /; Secure/.test(res.headers.get('set-cookie') ?? '')

  it('marks the session cookie Secure on X-Forwarded-Proto: https only from a listed proxy', async () => {
    t = await startTestApp({ app: { trustProxy: ['127.0.0.1'] } })
    const https = { 'x-forwarded-proto': 'https' }
    expect(await secure(await logIn({ peer: '127.0.0.1', headers: https }))).toBe(true)
    expect(await secure(await logIn({ peer: '198.51.100.7', headers: https }))).toBe(false)
    expect(await secure(await logIn({ peer: '127.0.0.1' }))).toBe(false)
  })

  it('sends Strict-Transport-Security only on answers that went out over HTTPS', async () => {
    t = await startTestApp({ app: { trustProxy: ['127.0.0.1'], publicUrl: 'https://khaosat.example.gov.vn' } })
    const hsts = async (url: string, peer: string, headers: Record<string, string> = {}) =>
      (await t.request(url, { peer, headers })).headers.get('strict-transport-security')
    const https = { 'x-forwarded-proto': 'https' }
    expect(await hsts('/api/health', '127.0.0.1', https)).toMatch(/^max-age=\d+; includeSubDomains$/)
    expect(await hsts('/api/no-such-route', '127.0.0.1', https)).toMatch(/^max-age=/)
    expect(await hsts('https://khaosat.example.gov.vn/api/health', '198.51.100.7')).toMatch(/^max-age=/)
    expect(await hsts('/api/health', '127.0.0.1')).toBeNull()
    expect(await hsts('/api/health', '198.51.100.7', https)).toBeNull()
  })

  it('marks the session cookie Secure when PUBLIC_URL is https, whatever the headers', async () => {
    t = await startTestApp({ app: { publicUrl: 'https://khaosat.example.gov.vn' } })
    expect(await secure(await logIn({ peer: '127.0.0.1' }))).toBe(true)
  })

  it('takes the page origin as ours from a listed proxy saying https, or from PUBLIC_URL, and no other', async () => {
    t = await startTestApp({ app: { trustProxy: ['127.0.0.1'], publicUrl: 'https://khaosat.example.gov.vn' } })
    const cookie = await t.login('admin')
    const sync = (peer: string, headers: Record<string, string>) =>
      t.request('/api/sync', { json: { responses: [] }, peer, headers: { cookie, ...headers } })
    const proxied = { origin: 'https://localhost', 'x-forwarded-proto': 'https' }
    expect((await sync('127.0.0.1', proxied)).status).toBe(200)
    expect((await sync('198.51.100.7', proxied)).status).toBe(403)
    expect((await sync('198.51.100.7', { origin: 'https://khaosat.example.gov.vn' })).status).toBe(200)
    expect((await sync('198.51.100.7', { origin: 'https://khaosat.example.gov.vn.evil.example' })).status).toBe(403)
  })

  it('prints PUBLIC_URL in code links and slips, never the Host the request named', async () => {
    t = await startTestApp({ app: { publicUrl: 'https://khaosat.example.gov.vn' } })
    const issued = await t.request('/api/codes/batches', {
      json: { surveyId: 'test-2025-district', version: 1, unitId: 'huyen-a', groupId: 'citizen', count: 1 },
      as: 'admin',
    })
    const { id, codes } = (await issued.json()) as BatchWithCodes
    const code = codes[0]!.code
    const csv = await (await t.request(`http://attacker.example/api/codes/batches/${id}.csv`, { as: 'admin' })).text()
    expect(csv).toContain(`https://khaosat.example.gov.vn/r/${code}`)
    expect(csv).not.toContain('attacker.example')
    const slips = await (
      await t.request(`http://attacker.example/api/codes/batches/${id}/slips`, { as: 'admin' })
    ).text()
    expect(slips).toContain(`https://khaosat.example.gov.vn/r/${code}`)
    expect(slips).not.toContain('attacker.example')
  })

  it('without PUBLIC_URL, prints the address the admin used, https only when a listed proxy says so', async () => {
    t = await startTestApp({ app: { trustProxy: ['127.0.0.1'] } })
    const issued = await t.request('/api/codes/batches', {
      json: { surveyId: 'test-2025-district', version: 1, unitId: 'huyen-a', groupId: 'citizen', count: 1 },
      as: 'admin',
    })
    const { id, codes } = (await issued.json()) as BatchWithCodes
    const csvFrom = async (peer: string) =>
      (
        await t.request(`http://survey.example.vn/api/codes/batches/${id}.csv`, {
          as: 'admin',
          peer,
          headers: { 'x-forwarded-proto': 'https' },
        })
      ).text()
    expect(await csvFrom('127.0.0.1')).toContain(`https://survey.example.vn/r/${codes[0]!.code}`)
    expect(await csvFrom('198.51.100.7')).toContain(`http://survey.example.vn/r/${codes[0]!.code}`)
  })
})
