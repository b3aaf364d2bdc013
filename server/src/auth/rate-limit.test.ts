import { describe, expect, it } from 'vitest'
import { createLoginLimiter, LOGIN_LIMITS } from './rate-limit.ts'

const MIN = 60 * 1000
const T0 = Date.parse('2025-10-01T08:00:00Z')

function failTimes(limiter: ReturnType<typeof createLoginLimiter>, n: number, account: string, ip: string, at = T0) {
  for (let i = 0; i < n; i++) limiter.failed(account, ip, at + i)
}

describe('log-in rate limits', () => {
  it('refuses an (account, IP) pair after 5 failures and says how long to wait', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 4, 'lan', '10.0.0.1')
    expect(limiter.check('lan', '10.0.0.1', T0 + MIN).ok).toBe(true)
    limiter.failed('lan', '10.0.0.1', T0 + MIN)
    const refused = limiter.check('lan', '10.0.0.1', T0 + 2 * MIN)
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 13 * 60 })
  })

  it('counts usernames case-insensitively, like log-in', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 5, 'Lan', '10.0.0.1')
    expect(limiter.check('LAN', '10.0.0.1', T0 + MIN).ok).toBe(false)
  })

  it('lets the same account log in from another IP while one IP is locked', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 5, 'lan', '10.0.0.1')
    expect(limiter.check('lan', '10.0.0.2', T0 + MIN).ok).toBe(true)
  })

  it('unlocks when the oldest failures leave the 15-minute window', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 5, 'lan', '10.0.0.1')
    expect(limiter.check('lan', '10.0.0.1', T0 + 14 * MIN).ok).toBe(false)
    expect(limiter.check('lan', '10.0.0.1', T0 + 15 * MIN + 5).ok).toBe(true)
  })

  it('refused attempts are not counted, so hammering does not extend the lock', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 5, 'lan', '10.0.0.1')
    // The route does not call failed() for a refused attempt: checking again and again changes nothing.
    for (let m = 1; m < 15; m++) expect(limiter.check('lan', '10.0.0.1', T0 + m * MIN).ok).toBe(false)
    expect(limiter.check('lan', '10.0.0.1', T0 + 16 * MIN).ok).toBe(true)
  })

  it('a success clears the pair count', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 4, 'lan', '10.0.0.1')
    limiter.succeeded('lan', '10.0.0.1', T0 + MIN)
    failTimes(limiter, 4, 'lan', '10.0.0.1', T0 + 2 * MIN)
    expect(limiter.check('lan', '10.0.0.1', T0 + 3 * MIN).ok).toBe(true)
  })

  it('refuses an IP spraying many accounts after 20 failures', () => {
    const limiter = createLoginLimiter()
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) limiter.failed(`user${i}`, '10.0.0.9', T0 + i)
    expect(limiter.check('someone-else', '10.0.0.9', T0 + MIN).ok).toBe(false)
    expect(limiter.check('someone-else', '10.0.0.10', T0 + MIN).ok).toBe(true)
  })

  it('limits one account across many IPs, but never from an IP where it logged in before', () => {
    const limiter = createLoginLimiter()
    limiter.succeeded('lan', '203.0.113.7', T0 - 24 * 60 * MIN)
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) limiter.failed('lan', `198.51.100.${i}`, T0 + i)
    expect(limiter.check('lan', '192.0.2.1', T0 + MIN).ok).toBe(false)
    expect(limiter.check('lan', '203.0.113.7', T0 + MIN).ok).toBe(true)
    expect(limiter.check('lan', '192.0.2.1', T0 + 16 * MIN).ok).toBe(true)
  })
})
