import { responseSchema } from '@parsurvey/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from './i18n/index.ts'
import { testResponse } from './test/fixtures.ts'
import { formatCount, formatPoints, isoWithOffset } from './format.ts'

describe('formatting', () => {
  afterEach(() => setLocale('vi'))

  it('writes points the Vietnamese way with two decimals', () => {
    expect(formatPoints(21.5)).toBe('21,50')
    expect(formatPoints(1234.567)).toBe('1.234,57')
    expect(formatCount(1034)).toBe('1.034')
  })
  it('writes points and counts the English way in English', async () => {
    await setLocale('en')
    expect(formatPoints(1234.567)).toBe('1,234.57')
    expect(formatCount(1034)).toBe('1,034')
  })
  it('writes timestamps with an offset that the response schema accepts', () => {
    const stamp = isoWithOffset(new Date('2025-05-01T01:02:03.004Z'))
    expect(new Date(stamp).toISOString()).toBe('2025-05-01T01:02:03.004Z')
    expect(stamp).toMatch(/[+-]\d\d:\d\d$/)
    expect(responseSchema.safeParse(testResponse({ startedAt: stamp, submittedAt: stamp })).success).toBe(true)
  })
})
