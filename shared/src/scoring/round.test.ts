import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { meanHalfUp, roundHalfUp } from './round.ts'

/** `cents` as a decimal string with two decimals, e.g. 1005 → "10.05". */
const decimal = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`

describe('roundHalfUp', () => {
  it.each([
    [1.005, 1.01],
    [2.675, 2.68],
    [0.125, 0.13],
    [82.745, 82.75],
    [79.995, 80],
    [1.4717, 1.47],
    [0.005, 0.01],
    [99.995, 100],
    [1.0049, 1],
    [0, 0],
  ])('rounds %d half-up to %d', (x, expected) => {
    expect(roundHalfUp(x)).toBe(expected)
  })

  it('rounds every x.xx5 between 0 and 100 up, whatever its binary representation', () => {
    for (let cents = 0; cents < 10_000; cents++) {
      const text = `${decimal(cents)}5`
      expect(roundHalfUp(Number(text)), text).toBe(Number(decimal(cents + 1)))
    }
  })

  it('rounds a value just below a half down and just above it up', () => {
    for (let cents = 0; cents < 10_000; cents += 7) {
      const base = decimal(cents)
      expect(roundHalfUp(Number(`${base}4999`)), base).toBe(Number(base))
      expect(roundHalfUp(Number(`${base}5001`)), base).toBe(Number(decimal(cents + 1)))
    }
  })

  it('treats a half that arrives with floating-point error from arithmetic as a half', () => {
    expect(roundHalfUp(0.1 + 0.2 + 0.005 - 0.3)).toBe(0.01)
    expect(roundHalfUp((1.005 * 3) / 3)).toBe(1.01)
    expect(roundHalfUp(78.995 + 1)).toBe(80)
  })

  it('rounds to other numbers of digits and symmetrically for negatives', () => {
    expect(roundHalfUp(2.5, 0)).toBe(3)
    expect(roundHalfUp(1.2345, 3)).toBe(1.235)
    expect(roundHalfUp(-1.005)).toBe(-1.01)
    expect(roundHalfUp(123456.785)).toBe(123456.79)
  })

  it('rejects values that cannot be published', () => {
    expect(() => roundHalfUp(Number.NaN)).toThrow(RangeError)
    expect(() => roundHalfUp(1, 1.5)).toThrow(RangeError)
  })
})

describe('meanHalfUp', () => {
  it('averages published figures exactly and rounds the exact mean half-up', () => {
    expect(meanHalfUp([1, 1.01])).toBe(1.01) // 1.005, which a floating-point mean makes 1.00499…
    expect(meanHalfUp([0.1, 0.2, 0.3])).toBe(0.2)
    expect(meanHalfUp([1, 0, 0])).toBe(0.33)
    expect(meanHalfUp([2, 0, 0])).toBe(0.67)
    expect(meanHalfUp([-1, -1.01])).toBe(-1.01)
    expect(meanHalfUp([])).toBeNull()
    expect(() => meanHalfUp([0.125])).toThrow(RangeError)
  })

  it('is the half-up rounding of the exact fraction, whatever the order of the figures', () => {
    const hundredths = fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 60 })
    fc.assert(
      fc.property(hundredths, fc.nat(), (cents, seed) => {
        const figures = cents.map((c) => c / 100)
        const mean = meanHalfUp(figures)!
        // Exact rational check on integers: |mean − Σ/n| ≤ ½ hundredth, a tie going away from zero.
        const sum = BigInt(cents.reduce((a, b) => a + b, 0))
        const n = BigInt(cents.length)
        const m = BigInt(Math.round(mean * 100))
        expect(Number(m) / 100).toBe(mean)
        const twice = 2n * sum
        if (sum >= 0n) {
          expect(n * (2n * m - 1n) <= twice).toBe(true)
          expect(twice < n * (2n * m + 1n)).toBe(true)
        } else {
          expect(n * (2n * m - 1n) < twice).toBe(true)
          expect(twice <= n * (2n * m + 1n)).toBe(true)
        }
        const rotated = [...figures.slice(seed % figures.length), ...figures.slice(0, seed % figures.length)]
        expect(meanHalfUp(rotated)).toBe(mean)
      }),
    )
  })
})
