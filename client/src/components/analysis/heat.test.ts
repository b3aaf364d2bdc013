import { describe, expect, it } from 'vitest'
import { HEAT_STEPS, heatOf, heatStep, quotaShare } from './heat.ts'

/** Relative luminance (WCAG) of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('heat scale', () => {
  it('gets strictly darker step by step, so grey-scale print keeps the order', () => {
    for (let i = 1; i < HEAT_STEPS.length; i++)
      expect(luminance(HEAT_STEPS[i]!)).toBeLessThan(luminance(HEAT_STEPS[i - 1]!))
  })

  it('keeps the number readable (contrast ≥ 4.5) on every step', () => {
    for (let n = 0; n <= 10; n++) {
      const heat = heatOf(n, 10)
      expect(contrast(heat.background, heat.color)).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('uses the lightest step only for nothing received and the darkest only for a full quota', () => {
    expect(heatStep(quotaShare(0, 20))).toBe(0)
    expect(heatStep(quotaShare(1, 20))).toBe(1)
    expect(heatStep(quotaShare(19, 20))).toBe(HEAT_STEPS.length - 2)
    expect(heatStep(quotaShare(20, 20))).toBe(HEAT_STEPS.length - 1)
    expect(heatStep(quotaShare(35, 20))).toBe(HEAT_STEPS.length - 1)
  })

  it('treats a cell without quota as empty rather than full', () => {
    expect(quotaShare(3, 0)).toBeNull()
    expect(heatOf(3, 0).step).toBe(0)
  })
})
