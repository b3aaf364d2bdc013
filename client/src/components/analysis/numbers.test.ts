import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '../../i18n/index.ts'
import { formatChange, formatDecimal, formatInterval, formatPercent } from './numbers.ts'

describe('figures on screen', () => {
  afterEach(() => setLocale('vi'))

  it('writes points the Vietnamese way with two decimals', () => {
    expect(formatDecimal(82.74)).toBe('82,74')
    expect(formatDecimal(1234.5)).toBe('1.234,50')
    expect(formatDecimal(null)).toBe('—')
  })

  it('writes shares as percentages with a decimal comma', () => {
    expect(formatPercent(0.4274)).toBe('42,7 %')
    expect(formatPercent(1)).toBe('100,0 %')
    expect(formatPercent(Number.NaN)).toBe('—')
  })

  it('signs changes, and never shows −0,00', () => {
    expect(formatChange(1.254)).toBe('+1,25')
    expect(formatChange(-0.5)).toBe('−0,50')
    expect(formatChange(-0.001)).toBe('0,00')
  })

  it('separates interval bounds with a semicolon', () => {
    expect(formatInterval({ low: 1.2, high: 1.756 })).toBe('[1,20; 1,76]')
    expect(formatInterval(null)).toBe('—')
  })

  it('writes English decimals (a dot) in English', async () => {
    await setLocale('en')
    expect(formatDecimal(1234.5)).toBe('1,234.50')
    expect(formatPercent(0.4274)).toBe('42.7 %')
    expect(formatChange(-0.5)).toBe('−0.50')
  })
})
