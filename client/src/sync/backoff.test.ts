import { describe, expect, it } from 'vitest'
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, backoffDelay } from './backoff.ts'

describe('backoff delay', () => {
  it('starts at one second', () => {
    expect(backoffDelay(1, () => 1)).toBe(1_000)
    expect(backoffDelay(1, () => 0)).toBe(1_000)
  })
  it('doubles with each failure', () => {
    expect([2, 3, 4, 5].map((n) => backoffDelay(n, () => 1))).toEqual([2_000, 4_000, 8_000, 16_000])
  })
  it('never waits more than five minutes, however many failures', () => {
    expect(backoffDelay(12, () => 1)).toBe(BACKOFF_MAX_MS)
    expect(backoffDelay(10_000, () => 1)).toBe(BACKOFF_MAX_MS)
  })
  it('spreads retries over the upper half of the window', () => {
    for (const failures of [1, 3, 8, 40]) {
      for (const r of [0, 0.3, 0.99]) {
        const delay = backoffDelay(failures, () => r)
        expect(delay).toBeGreaterThanOrEqual(BACKOFF_MIN_MS)
        expect(delay).toBeLessThanOrEqual(BACKOFF_MAX_MS)
      }
    }
    expect(backoffDelay(4, () => 0)).toBe(4_000)
  })
})
