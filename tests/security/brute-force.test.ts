import { createApp } from '@parsurvey/server'
import { ACCESS_CODE_ALPHABET, ACCESS_CODE_BYTES, ACCESS_CODE_LENGTH, accessCodeFromBytes } from '@parsurvey/shared'
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePassword } from '../../server/src/auth/password.ts'
import { createLoginLimiter, LOGIN_LIMITS } from '../../server/src/auth/rate-limit.ts'
import { createLookupLimiter, LOOKUP_LIMITS } from '../../server/src/codes/lookup-limiter.ts'
import { inMemoryLookupLimits } from '../../server/src/codes/code-services.ts'
import { inMemoryLoginLimits } from '../../server/src/ported-services.ts'
import { PASSWORD, startTestApp, type TestApp } from '../../server/src/testing/harness.ts'

/**
 * Guessing passwords and access codes: how many tries until 429 (measured through HTTP), that
 * the lock ends by itself (a fake clock jumps over the real 15- and 10-minute windows), and that
 * the secrets are too large to guess anyway.
 */
let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

/** The app with the real limiters and limits, reading a clock the test moves. */
function appWithFakeClock() {
  const clock = { now: Date.now() }
  const login = createLoginLimiter()
  const lookups = createLookupLimiter()
  const services = {
    ...t.services,
    loginLimiter: inMemoryLoginLimits(login, () => clock.now),
    codeLookups: inMemoryLookupLimits(lookups, () => clock.now),
  }
  const app = createApp({ services, version: 'test' })
  return Object.assign(app, { advance: (ms: number) => void (clock.now += ms) })
}

const post = (app: { request: ReturnType<typeof createApp>['request'] }, username: string, password: string) =>
  app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })

/** Tries until a 429 (or `max`); the number of answered tries before it. */
async function triesUntil429(attempt: (i: number) => Response | Promise<Response>, max = 200): Promise<number> {
  for (let i = 0; i < max; i++) if ((await attempt(i)).status === 429) return i
  return max
}

describe('password guessing', () => {
  it(`allows ${LOGIN_LIMITS.perPair} wrong passwords for one account, then 429, and the real user gets in once the window has passed`, async () => {
    const app = appWithFakeClock()
    expect(await triesUntil429((i) => post(app, 'surveyor', `guess-${i}`))).toBe(LOGIN_LIMITS.perPair)
    expect((await post(app, 'surveyor', PASSWORD)).status).toBe(429)
    app.advance(LOGIN_LIMITS.windowMs - 60_000)
    expect((await post(app, 'surveyor', PASSWORD)).status).toBe(429)
    app.advance(60_001)
    expect((await post(app, 'surveyor', PASSWORD)).status).toBe(200)
  })

  it(`stops one address spraying many accounts after ${LOGIN_LIMITS.perIp} failures, and lets it in again later`, async () => {
    const app = appWithFakeClock()
    expect(await triesUntil429((i) => post(app, `user-${i % 7}-${Math.floor(i / 7)}`, 'guess'))).toBe(
      LOGIN_LIMITS.perIp,
    )
    expect((await post(app, 'analyst', PASSWORD)).status).toBe(429)
    app.advance(LOGIN_LIMITS.windowMs + 1)
    expect((await post(app, 'analyst', PASSWORD)).status).toBe(200)
  })

  it('hammering during the lock does not extend it: it ends 15 minutes after the last counted failure', async () => {
    const app = appWithFakeClock()
    for (let i = 0; i < LOGIN_LIMITS.perPair; i++) await post(app, 'surveyor', 'wrong')
    for (let i = 0; i < 30; i++) {
      app.advance(20_000)
      expect((await post(app, 'surveyor', 'wrong')).status).toBe(429)
    }
    app.advance(LOGIN_LIMITS.windowMs + 1)
    expect((await post(app, 'surveyor', PASSWORD)).status).toBe(200)
  })
})

describe('access-code guessing', () => {
  it(`answers 404 to ${LOOKUP_LIMITS.limit} wrong codes from one address, then 429 with Retry-After, and unlocks after the window`, async () => {
    const app = appWithFakeClock()
    const guess = () => accessCodeFromBytes(randomBytes(ACCESS_CODE_BYTES))
    expect(await triesUntil429(() => app.request(`/api/respond/${guess()}`))).toBe(LOOKUP_LIMITS.limit)
    const refused = await app.request(`/api/respond/${guess()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    app.advance(LOOKUP_LIMITS.windowMs + 1)
    expect((await app.request(`/api/respond/${guess()}`)).status).toBe(404)
  })
})

describe('secrets too large to guess', () => {
  it('access codes carry at least 64 bits: alphabet size × length, and every random bit reaches the code', () => {
    const bits = ACCESS_CODE_LENGTH * Math.log2(ACCESS_CODE_ALPHABET.length)
    expect(new Set(ACCESS_CODE_ALPHABET).size).toBe(ACCESS_CODE_ALPHABET.length)
    expect(bits).toBeGreaterThanOrEqual(64)
    expect(ACCESS_CODE_BYTES * 8).toBeGreaterThanOrEqual(bits)
    // Flipping any single input bit changes the code: no random bit is dropped.
    const base = new Uint8Array(ACCESS_CODE_BYTES)
    for (let bit = 0; bit < ACCESS_CODE_BYTES * 8; bit++) {
      const flipped = new Uint8Array(base)
      flipped[bit >> 3]! ^= 1 << (bit & 7)
      expect(accessCodeFromBytes(flipped)).not.toBe(accessCodeFromBytes(base))
    }
  })

  it('issued codes are all different and use the whole alphabet evenly', async () => {
    const res = await t.request('/api/codes/batches', {
      as: 'admin',
      json: { surveyId: 'test-2025-district', version: 1, unitId: 'huyen-a', groupId: 'citizen', count: 2000 },
    })
    const { codes } = (await res.json()) as { codes: { code: string }[] }
    const plain = codes.map((c) => c.code.replace(/-/g, ''))
    expect(new Set(plain).size).toBe(2000)
    const counts = new Map<string, number>()
    for (const code of plain) for (const ch of code) counts.set(ch, (counts.get(ch) ?? 0) + 1)
    expect([...counts.keys()].sort().join('')).toBe([...ACCESS_CODE_ALPHABET].sort().join(''))
    // 32,000 characters over 32 symbols: 1,000 each expected; a skewed generator would be far off.
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(200)
  })

  it('generated passwords carry at least 64 bits even counting the modulo bias, and session tokens 256', () => {
    const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
    const samples = Array.from({ length: 200 }, generatePassword)
    for (const p of samples) expect(p).toMatch(new RegExp(`^[${alphabet}]{4}(-[${alphabet}]{4}){3}$`))
    expect(new Set(samples).size).toBe(samples.length)
    // One byte mod 31: the likeliest symbol has 9 of 256 chances → min-entropy per character.
    const minEntropy = 16 * -Math.log2(Math.ceil(256 / alphabet.length) / 256)
    expect(minEntropy).toBeGreaterThanOrEqual(64)
  })
})
