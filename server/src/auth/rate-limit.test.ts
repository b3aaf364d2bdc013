import { describe, expect, it } from 'vitest'
import { createLoginLimiter, LOGIN_LIMITS, type LoginLimiter } from './rate-limit.ts'

const MIN = 60 * 1000
const T0 = Date.parse('2025-10-01T08:00:00Z')

/** `n` attempts that turn out wrong (a reservation that is never settled counts as a failure). */
function failTimes(limiter: LoginLimiter, n: number, account: string, ip: string, at = T0) {
  for (let i = 0; i < n; i++) expect(limiter.reserve(account, ip, at + i).ok).toBe(true)
}

/** Whether an attempt would be allowed at `at`, without counting it. */
function allowed(limiter: LoginLimiter, account: string, ip: string, at: number) {
  const attempt = limiter.reserve(account, ip, at)
  if (attempt.ok) attempt.cancelled()
  return attempt
}

function succeed(limiter: LoginLimiter, account: string, ip: string, at: number) {
  const attempt = limiter.reserve(account, ip, at)
  if (!attempt.ok) throw new Error('refused')
  attempt.succeeded()
}

describe('log-in rate limits', () => {
  it('refuses an (account, IP) pair after 5 failures and says how long to wait', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 4, 'lan', '10.0.0.1')
    expect(allowed(limiter, 'lan', '10.0.0.1', T0 + MIN).ok).toBe(true)
    failTimes(limiter, 1, 'lan', '10.0.0.1', T0 + MIN)
    expect(allowed(limiter, 'lan', '10.0.0.1', T0 + 2 * MIN)).toEqual({ ok: false, retryAfterSeconds: 13 * 60 })
  })

  it('reserves synchronously: attempts whose outcome is not known yet already count', () => {
    const limiter = createLoginLimiter()
    const attempts = Array.from({ length: 100 }, () => limiter.reserve('lan', '10.0.0.1', T0))
    expect(attempts.filter((a) => a.ok)).toHaveLength(LOGIN_LIMITS.perPair)
  })

  it('counts usernames case-insensitively, like log-in', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 5, 'Lan', '10.0.0.1')
    expect(allowed(limiter, 'LAN', '10.0.0.1', T0 + MIN).ok).toBe(false)
  })

  it('lets the same account log in from another IP while one IP is locked', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 5, 'lan', '10.0.0.1')
    expect(allowed(limiter, 'lan', '10.0.0.2', T0 + MIN).ok).toBe(true)
  })

  it('unlocks when the oldest failures leave the 15-minute window', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 5, 'lan', '10.0.0.1')
    expect(allowed(limiter, 'lan', '10.0.0.1', T0 + 14 * MIN).ok).toBe(false)
    expect(allowed(limiter, 'lan', '10.0.0.1', T0 + 15 * MIN + 5).ok).toBe(true)
  })

  it('refused attempts are not counted, so hammering does not extend the lock', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 5, 'lan', '10.0.0.1')
    for (let m = 1; m < 15; m++) expect(limiter.reserve('lan', '10.0.0.1', T0 + m * MIN).ok).toBe(false)
    expect(allowed(limiter, 'lan', '10.0.0.1', T0 + 16 * MIN).ok).toBe(true)
  })

  it('a success clears the pair count and is not counted against the IP', () => {
    const limiter = createLoginLimiter()
    failTimes(limiter, 4, 'lan', '10.0.0.1')
    succeed(limiter, 'lan', '10.0.0.1', T0 + MIN)
    failTimes(limiter, 4, 'lan', '10.0.0.1', T0 + 2 * MIN)
    expect(allowed(limiter, 'lan', '10.0.0.1', T0 + 3 * MIN).ok).toBe(true)
    // A whole office behind one address logs in, many times over: never refused.
    for (let i = 0; i < 3 * LOGIN_LIMITS.perIp; i++) succeed(limiter, `user${i}`, '10.0.0.9', T0 + i)
    expect(allowed(limiter, 'someone', '10.0.0.9', T0 + MIN).ok).toBe(true)
  })

  it('a cancelled attempt (server busy) is not counted at all', () => {
    const limiter = createLoginLimiter()
    for (let i = 0; i < 100; i++) allowed(limiter, 'lan', '10.0.0.1', T0 + i)
    failTimes(limiter, 4, 'lan', '10.0.0.1', T0 + MIN)
    expect(allowed(limiter, 'lan', '10.0.0.1', T0 + 2 * MIN).ok).toBe(true)
  })

  it('refuses an IP spraying many accounts after 20 failures', () => {
    const limiter = createLoginLimiter()
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) failTimes(limiter, 1, `user${i}`, '10.0.0.9', T0 + i)
    expect(allowed(limiter, 'someone-else', '10.0.0.9', T0 + MIN).ok).toBe(false)
    expect(allowed(limiter, 'someone-else', '10.0.0.10', T0 + MIN).ok).toBe(true)
  })

  it('limits one account across many IPs, but never from an IP where it logged in before', () => {
    const limiter = createLoginLimiter()
    succeed(limiter, 'lan', '203.0.113.7', T0 - 24 * 60 * MIN)
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) failTimes(limiter, 1, 'lan', `198.51.100.${i}`, T0 + i)
    expect(allowed(limiter, 'lan', '192.0.2.1', T0 + MIN).ok).toBe(false)
    expect(allowed(limiter, 'lan', '203.0.113.7', T0 + MIN).ok).toBe(true)
    expect(allowed(limiter, 'lan', '192.0.2.1', T0 + 16 * MIN).ok).toBe(true)
  })
})
