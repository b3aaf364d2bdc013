import { describe, expect, it } from 'vitest'
import { createLookupLimiter } from './lookup-limiter.ts'

describe('createLookupLimiter', () => {
  const limits = { windowMs: 60_000, limit: 3 }

  it('refuses an IP after `limit` failures in the window and says when to come back', () => {
    const limiter = createLookupLimiter(limits)
    for (const at of [0, 10_000, 20_000]) expect(limiter.reserve('1.2.3.4', at).ok).toBe(true)
    expect(limiter.reserve('1.2.3.4', 30_000)).toEqual({ ok: false, retryAfterSeconds: 30 })
    expect(limiter.reserve('5.6.7.8', 30_000).ok).toBe(true)
  })

  it('counts a lookup before its outcome is known, and takes it back when the code exists', () => {
    const limiter = createLookupLimiter(limits)
    const pending = [0, 1, 2, 3, 4].map(() => limiter.reserve('1.2.3.4', 0))
    expect(pending.map((a) => a.ok)).toEqual([true, true, true, false, false])
    for (const attempt of pending) if (attempt.ok) attempt.found()
    expect(limiter.reserve('1.2.3.4', 1).ok).toBe(true)
  })

  it('lets the IP in again once the oldest failure leaves the window', () => {
    const limiter = createLookupLimiter(limits)
    for (const at of [0, 10_000, 20_000]) limiter.reserve('1.2.3.4', at)
    expect(limiter.reserve('1.2.3.4', 60_001).ok).toBe(true)
  })
})
