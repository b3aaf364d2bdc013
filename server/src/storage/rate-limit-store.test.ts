import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { LOGIN_LIMITS } from '../auth/rate-limit.ts'
import { LOOKUP_LIMITS } from '../codes/lookup-limiter.ts'
import { storageEngines } from '../testing/storage-engines.ts'
import type { Storage } from './open-storage.ts'
import { loginLimiterOn, lookupLimiterOn, type StoredLoginLimiter } from './rate-limit-store.ts'

const MIN = 60 * 1000
/** The start of a 15-minute (and 10-minute) window. */
const T0 = Date.parse('2025-10-01T08:00:00Z')

/** Whether an attempt would be allowed at `at`, without counting it. */
async function allowed(limiter: StoredLoginLimiter, account: string, ip: string, at: number) {
  const attempt = await limiter.reserve(account, ip, at)
  if (attempt.ok) await attempt.cancelled()
  return attempt
}

/** `n` attempts that turn out wrong (a reservation that is never settled counts as a failure). */
async function fail(limiter: StoredLoginLimiter, n: number, account: string, ip: string, at = T0) {
  for (let i = 0; i < n; i++) expect((await limiter.reserve(account, ip, at + i)).ok).toBe(true)
}

async function succeed(limiter: StoredLoginLimiter, account: string, ip: string, at: number) {
  const attempt = await limiter.reserve(account, ip, at)
  if (!attempt.ok) throw new Error('refused')
  await attempt.succeeded()
}

describe.each(storageEngines)('rate limits in the database on $name', (engine) => {
  let storage: Storage
  let second: Storage
  let drop: () => Promise<void>
  beforeAll(async () => {
    const opened = await engine.open()
    ;({ storage, drop } = opened)
    second = await opened.other()
  })
  afterAll(() => drop())
  // One database per engine for the file (migrating one costs seconds); each test starts empty.
  beforeEach(async () => {
    await storage.db.deleteFrom('rate_limit_windows').execute()
    await storage.db.deleteFrom('login_known_ips').execute()
  })

  describe('log-in', () => {
    it('refuses an (account, IP) pair after 5 failures and says how long to wait', async () => {
      const limiter = loginLimiterOn(storage)
      await fail(limiter, 4, 'lan', '10.0.0.1')
      expect((await allowed(limiter, 'lan', '10.0.0.1', T0 + MIN)).ok).toBe(true)
      await fail(limiter, 1, 'lan', '10.0.0.1', T0 + MIN)
      expect(await allowed(limiter, 'lan', '10.0.0.1', T0 + 2 * MIN)).toEqual({ ok: false, retryAfterSeconds: 13 * 60 })
      // Another IP, and another account from the same IP, are not affected.
      expect((await allowed(limiter, 'lan', '10.0.0.2', T0 + 2 * MIN)).ok).toBe(true)
      expect((await allowed(limiter, 'minh', '10.0.0.1', T0 + 2 * MIN)).ok).toBe(true)
    })

    it('lets no more than 5 of many parallel wrong attempts through, across two servers', async () => {
      const [a, b] = [loginLimiterOn(storage), loginLimiterOn(second)]
      const attempts = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).reserve('lan', '10.0.0.1', T0 + i)),
      )
      expect(attempts.filter((x) => x.ok)).toHaveLength(LOGIN_LIMITS.perPair)
      // An IP spraying many accounts from both servers at once: no more than 20 pass.
      const spray = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).reserve(`user${i}`, '10.0.0.9', T0 + i)),
      )
      expect(spray.filter((x) => x.ok)).toHaveLength(LOGIN_LIMITS.perIp)
    })

    it('counts usernames case-insensitively, like log-in', async () => {
      const limiter = loginLimiterOn(storage)
      await fail(limiter, 5, 'Lan', '10.0.0.1')
      expect((await allowed(limiter, 'LAN', '10.0.0.1', T0 + MIN)).ok).toBe(false)
    })

    it('unlocks when the window ends, and hammering while refused does not extend the lock', async () => {
      const limiter = loginLimiterOn(storage)
      await fail(limiter, 5, 'lan', '10.0.0.1')
      for (let m = 1; m < 15; m++) expect((await limiter.reserve('lan', '10.0.0.1', T0 + m * MIN)).ok).toBe(false)
      expect((await allowed(limiter, 'lan', '10.0.0.1', T0 + 15 * MIN - 1000)).ok).toBe(false)
      expect((await allowed(limiter, 'lan', '10.0.0.1', T0 + 15 * MIN)).ok).toBe(true)
    })

    it('a success on one server clears the pair and is not counted against the IP on the other', async () => {
      const [a, b] = [loginLimiterOn(storage), loginLimiterOn(second)]
      await fail(a, 4, 'lan', '10.0.0.1')
      await succeed(b, 'lan', '10.0.0.1', T0 + MIN)
      await fail(a, 4, 'lan', '10.0.0.1', T0 + 2 * MIN)
      expect((await allowed(b, 'lan', '10.0.0.1', T0 + 3 * MIN)).ok).toBe(true)
      // A whole office behind one address logs in, many times over: never refused.
      for (let i = 0; i < 3 * LOGIN_LIMITS.perIp; i++) await succeed(i % 2 ? a : b, `user${i}`, '10.0.0.9', T0 + i)
      expect((await allowed(a, 'someone', '10.0.0.9', T0 + MIN)).ok).toBe(true)
    })

    it('a cancelled attempt (server busy) is not counted at all', async () => {
      const limiter = loginLimiterOn(storage)
      for (let i = 0; i < 30; i++) await allowed(limiter, 'lan', '10.0.0.1', T0 + i)
      await fail(limiter, 4, 'lan', '10.0.0.1', T0 + MIN)
      expect((await allowed(limiter, 'lan', '10.0.0.1', T0 + 2 * MIN)).ok).toBe(true)
    })

    it('limits one account across many IPs, but never from an IP where it logged in before', async () => {
      const [a, b] = [loginLimiterOn(storage), loginLimiterOn(second)]
      await succeed(a, 'lan', '203.0.113.7', T0 - 24 * 60 * MIN)
      await Promise.all(
        Array.from({ length: LOGIN_LIMITS.perAccount }, (_, i) =>
          (i % 2 ? a : b).reserve('lan', `198.51.100.${i}`, T0 + i),
        ),
      )
      expect((await allowed(b, 'lan', '192.0.2.1', T0 + MIN)).ok).toBe(false)
      // Known from a success on the first server, so the second lets it in.
      expect((await allowed(b, 'lan', '203.0.113.7', T0 + MIN)).ok).toBe(true)
      expect((await allowed(b, 'lan', '192.0.2.1', T0 + 16 * MIN)).ok).toBe(true)
    })

    it('sweeps the counts of windows that are over, and keeps the current ones', async () => {
      const limiter = loginLimiterOn(storage)
      await fail(limiter, 2, 'lan', '10.0.0.1')
      await fail(limiter, 5, 'minh', '10.0.0.2', T0 + 15 * MIN)
      await limiter.sweep(T0 + 16 * MIN)
      const rows = await storage.db.selectFrom('rate_limit_windows').select(['key', 'window_start']).execute()
      expect(new Set(rows.map((r) => r.window_start))).toEqual(new Set([T0 + 15 * MIN]))
      expect((await allowed(limiter, 'minh', '10.0.0.2', T0 + 16 * MIN)).ok).toBe(false)
    })
  })

  describe('access-code lookups', () => {
    const limits = { windowMs: 10 * MIN, limit: 3 }

    it('refuses an IP after `limit` failures in the window and says when to come back', async () => {
      const limiter = lookupLimiterOn(storage, limits)
      for (const at of [0, MIN, 2 * MIN]) expect((await limiter.reserve('1.2.3.4', T0 + at)).ok).toBe(true)
      expect(await limiter.reserve('1.2.3.4', T0 + 4 * MIN)).toEqual({ ok: false, retryAfterSeconds: 6 * 60 })
      expect((await limiter.reserve('5.6.7.8', T0 + 4 * MIN)).ok).toBe(true)
      expect((await limiter.reserve('1.2.3.4', T0 + 10 * MIN)).ok).toBe(true)
    })

    it('counts parallel lookups from two servers before their outcome, and takes found codes back', async () => {
      const [a, b] = [lookupLimiterOn(storage), lookupLimiterOn(second)]
      const pending = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).reserve('1.2.3.4', T0 + i)),
      )
      expect(pending.filter((x) => x.ok)).toHaveLength(LOOKUP_LIMITS.limit)
      expect((await a.reserve('1.2.3.4', T0 + MIN)).ok).toBe(false)
      // The codes existed (respondents coming back): the other server lets the IP in again.
      for (const attempt of pending) if (attempt.ok) await attempt.found()
      expect((await b.reserve('1.2.3.4', T0 + MIN)).ok).toBe(true)
    })
  })
})
