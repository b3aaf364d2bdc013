import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../auth/middleware.ts'
import { SESSION_TTL_MS } from '../db/sessions.ts'
import { PASSWORD, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const logIn = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.request('/api/session', { json: { username, password }, headers })

describe('log-in rate limiting', () => {
  it('answers 429 with Retry-After after 5 failures, even for the right password, and tells when to retry', async () => {
    for (let i = 0; i < 5; i++) expect((await logIn('surveyor', `wrong-${i}`)).status).toBe(401)
    const refused = await logIn('surveyor', PASSWORD, { 'accept-language': 'en' })
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(14 * 60)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
    const { error } = (await refused.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('login-rate-limited')
    expect(error.message).toContain('15 minutes')
    const vi = await logIn('surveyor', PASSWORD)
    expect(((await vi.json()) as { error: { message: string } }).error.message).toContain('15 phút')
  })

  it('locks a username that does not exist the same way, so 429 reveals nothing', async () => {
    for (let i = 0; i < 5; i++) expect((await logIn('nobody-here', 'wrong-password')).status).toBe(401)
    expect((await logIn('nobody-here', 'wrong-password')).status).toBe(429)
  })

  it('does not lock other accounts after one account is locked', async () => {
    for (let i = 0; i < 5; i++) await logIn('surveyor', 'wrong-password')
    expect((await logIn('analyst', PASSWORD)).status).toBe(200)
  })
})

describe('timing', () => {
  /** Median time of a refused log-in for each name (interleaved, so load hits both alike). */
  async function medians(known: string[], unknown: string[]) {
    const times = { known: [] as number[], unknown: [] as number[] }
    for (let i = 0; i < known.length; i++) {
      for (const [kind, name] of [
        ['known', known[i]!],
        ['unknown', unknown[i]!],
      ] as const) {
        const started = performance.now()
        expect((await logIn(name, 'a wrong password')).status).toBe(401)
        times[kind].push(performance.now() - started)
      }
    }
    const median = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!
    return { known: median(times.known), unknown: median(times.unknown) }
  }

  it(
    'refuses a wrong password for a known name as slowly as for an unknown one, so timing hides which names exist',
    { timeout: 120_000 },
    async () => {
      // 16 failures from one address, under its limit of 20; at most 2 per account.
      const known = ['admin', 'analyst', 'supervisor', 'surveyor']
      const { known: k, unknown: u } = await medians(
        [...known, ...known],
        Array.from({ length: 8 }, (_, i) => `nobody-${i}`),
      )
      expect(k / u).toBeGreaterThan(0.5)
      expect(k / u).toBeLessThan(2)
    },
  )
})

describe('sessions', () => {
  it('refuses a session past its expiry', async () => {
    const userId = t.services.sqlite.users.findForLogin('analyst')!.user.id
    const { token } = t.services.sqlite.sessions.create(userId, new Date(Date.now() - SESSION_TTL_MS - 1000))
    const res = await t.app.request('/api/session', { headers: { cookie: `${SESSION_COOKIE}=${token}` } })
    expect(res.status).toBe(401)
    const fresh = t.services.sqlite.sessions.create(userId)
    expect(
      (await t.app.request('/api/session', { headers: { cookie: `${SESSION_COOKIE}=${fresh.token}` } })).status,
    ).toBe(200)
  })

  it('log-out ends the session on the server, not only in the browser', async () => {
    const cookie = await t.login('analyst')
    const out = await t.app.request('/api/session', {
      method: 'DELETE',
      headers: { cookie, origin: 'http://localhost' },
    })
    expect(out.status).toBe(204)
    expect((await t.app.request('/api/users', { headers: { cookie } })).status).toBe(401)
    expect((await t.app.request('/api/session', { headers: { cookie } })).status).toBe(401)
  })

  it('records the time of the last log-in', async () => {
    await t.login('analyst')
    expect(t.services.sqlite.users.findAccount('analyst')!.lastLoginAt).toEqual(expect.any(String))
  })
})
