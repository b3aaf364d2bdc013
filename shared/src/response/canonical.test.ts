import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeSurvey } from '../survey/fixtures.ts'
import { canonicalJson } from '../sync/hash.ts'
import { canonicalResponseJson } from './canonical.ts'
import { generateResponses } from './generate.ts'
import type { Response } from './schema.ts'

const shuffled = <T extends object>(value: T, seed: number): T => {
  const entries = Object.entries(value)
  entries.sort((a, b) => ((a[0].charCodeAt(0) * 31 + seed) % 7) - ((b[0].charCodeAt(0) * 31 + seed) % 7))
  return Object.fromEntries(entries) as T
}

describe('canonicalResponseJson', () => {
  it('writes the text canonicalJson writes for generated responses, whatever order their keys are in', () => {
    let seed = 0
    for (const response of generateResponses(makeSurvey(), 300, 11)) {
      seed++
      const reordered = shuffled({ ...response, answers: shuffled(response.answers, seed) }, seed)
      expect(canonicalResponseJson(reordered)).toBe(canonicalJson(response))
    }
  })

  it('agrees with canonicalJson on any object, including ones that are not responses at all', () => {
    const member = fc.constantFrom(
      'answers',
      'channel',
      'deviceId',
      'groupId',
      'id',
      'locationId',
      'paperSerial',
      'startedAt',
      'submittedAt',
      'surveyId',
      'surveyVersion',
      'unitId',
    )
    const scalarsOrMore = fc.oneof(
      fc.string(),
      fc.constant(null),
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 1 }),
    )
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constant(undefined),
      fc.dictionary(fc.string({ maxLength: 4 }), scalarsOrMore),
    )
    const key = fc.oneof({ weight: 4, arbitrary: member }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) })
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 13 }), (record) => {
        expect(canonicalResponseJson(record as unknown as Response)).toBe(canonicalJson(record))
      }),
      { numRuns: 1000 },
    )
  })
})
