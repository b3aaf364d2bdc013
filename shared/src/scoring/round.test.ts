import { describe, expect, it } from 'vitest'
import { roundHalfUp } from './round.ts'

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
