import { describe, expect, it } from 'vitest'
import { numberText, readNumber } from './number-text.ts'

describe('number boxes', () => {
  it('reads digits as a number, a blank as no answer', () => {
    expect(readNumber('12', false)).toBe(12)
    expect(readNumber(' -3 ', false)).toBe(-3)
    expect(readNumber('0', false)).toBe(0)
    expect(readNumber('  ', false)).toBeNull()
  })

  it('takes a decimal comma or point where the question takes decimals', () => {
    expect(readNumber('12,5', true)).toBe(12.5)
    expect(readNumber('12.5', true)).toBe(12.5)
    expect(readNumber('1,000.5', true)).toBe('1,000.5')
  })

  it('keeps what is not plainly a whole number as typed, for the check to refuse', () => {
    expect(readNumber('1.000', false)).toBe('1.000')
    expect(readNumber('12,5', false)).toBe('12,5')
    expect(readNumber('mười', false)).toBe('mười')
  })

  it('shows a kept decimal with a comma in Vietnamese', () => {
    expect(numberText(12.5, 'vi')).toBe('12,5')
    expect(numberText(12.5, 'en')).toBe('12.5')
    expect(numberText('abc', 'vi')).toBe('abc')
    expect(numberText(null, 'vi')).toBe('')
  })
})
