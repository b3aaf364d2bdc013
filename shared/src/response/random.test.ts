import { describe, expect, it } from 'vitest'
import { createRandom } from './random.ts'

describe('createRandom', () => {
  it('repeats its sequence for the same seed, numeric or text', () => {
    const a = createRandom('seed')
    const b = createRandom('seed')
    expect(Array.from({ length: 10 }, () => a.next())).toEqual(Array.from({ length: 10 }, () => b.next()))
    expect(createRandom(42).next()).toBe(createRandom(42).next())
  })

  it('makes well-formed UUID v4 strings', () => {
    const random = createRandom(1)
    for (let i = 0; i < 1000; i++) {
      expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
  })

  it('stays in range and follows weights', () => {
    const random = createRandom(3)
    const counts = [0, 0, 0]
    for (let i = 0; i < 10_000; i++) {
      const x = random.next()
      expect(x >= 0 && x < 1).toBe(true)
      const k = random.weighted([1, 0, 3])
      counts[k] = (counts[k] ?? 0) + 1
    }
    expect(counts[1]).toBe(0)
    expect((counts[2] ?? 0) / 10_000).toBeGreaterThan(0.7)
    expect((counts[2] ?? 0) / 10_000).toBeLessThan(0.8)
  })
})
