import { describe, expect, it } from 'vitest'
import { fuzzParsers } from '../support/fuzz-parsers.ts'

describe('the survey file parser and the response validator under generated input', () => {
  it('never throw, refuse with catalogued issues whose messages are complete, and accept only stable documents', () => {
    const stats = fuzzParsers({ numRuns: 600, seed: 777 })
    expect(stats.failures).toEqual([])
    expect(stats.cases).toBe(1200)
  }, 120_000)
})
