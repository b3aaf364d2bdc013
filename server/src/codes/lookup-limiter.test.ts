import { describe, expect, it } from 'vitest'
import { createLookupLimiter } from './lookup-limiter.ts'

describe('createLookupLimiter', () => {
  const limits = { windowMs: 60_000, limit: 3 }

  it('refuses an IP after `limit` failures in the window and says when to come back', () => {
    const limiter = createLookupLimiter(limits)
    for (const at of [0, 10_000, 20_000]) {
      expect(limiter.check('1.2.3.4', at)).toEqual({ ok: true })
      limiter.failed('1.2.3.4', at)
    }
    expect(limiter.check('1.2.3.4', 30_000)).toEqual({ ok: false, retryAfterSeconds: 30 })
    expect(limiter.check('5.6.7.8', 30_000)).toEqual({ ok: true })
  })

  it('lets the IP in again once the oldest failure leaves the window', () => {
    const limiter = createLookupLimiter(limits)
    for (const at of [0, 10_000, 20_000]) limiter.failed('1.2.3.4', at)
    expect(limiter.check('1.2.3.4', 60_001)).toEqual({ ok: true })
  })
})
