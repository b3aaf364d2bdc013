import { describe, expect, it } from 'vitest'
import { mean, median, standardErrorOfDifference, variance } from './stats.ts'

describe('quality statistics', () => {
  it('takes the median of odd and even counts without reordering the input', () => {
    const input = [9, 1, 5]
    expect(median(input)).toBe(5)
    expect(input).toEqual([9, 1, 5])
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('uses the sample variance and Welch’s standard error of a difference of means', () => {
    expect(mean([1, 2, 3])).toBe(2)
    expect(variance([1, 2, 3])).toBe(1)
    expect(variance([7])).toBe(0)
    // √(1/3 + 1/3)
    expect(standardErrorOfDifference([1, 2, 3], [4, 5, 6])).toBeCloseTo(Math.sqrt(2 / 3), 12)
  })
})
