import { describe, expect, it } from 'vitest'
import { shownValue } from './shown-value.ts'

describe('shownValue', () => {
  it('shows parsed JSON whose keys shadow toString without throwing', () => {
    const hostile = JSON.parse('[{"toString":null,"valueOf":null},{"__proto__":{"toString":1}}]') as unknown
    expect(() => String(hostile)).toThrow()
    expect(shownValue(hostile)).toBe('[{"toString":null,"valueOf":null},{"__pr')
  })

  it('keeps strings, numbers and booleans as they are, cut to the limit', () => {
    expect(shownValue('abc', 2)).toBe('ab')
    expect(shownValue(1.5)).toBe('1.5')
    expect(shownValue(false)).toBe('false')
    expect(shownValue(null)).toBe('')
  })
})
