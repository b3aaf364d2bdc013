import { generateResponses } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import { PendingResponses } from '../aggregates/pending-responses.ts'
import { counterLayout } from '../aggregates/counter-layout.ts'
import { uuidOfKey } from './id-set.ts'
import { KEY_WORDS, scoreChunk } from './score-chunk.ts'

const survey = makeSurvey()

describe('scoreChunk', () => {
  it('gives every id with its line, in a bigger buffer when the one given is too small', () => {
    const responses = [...generateResponses(survey, 40, 'keys')]
    const upper = { ...responses[7]!, id: responses[7]!.id.toUpperCase() }
    const lines = ['', ...responses.map((r, i) => JSON.stringify(i === 7 ? upper : r)), '{oops']
    const small = new Uint32Array(3 * KEY_WORDS)
    const result = scoreChunk(
      counterLayout(survey),
      Buffer.from(`${lines.join('\n')}\n`),
      true,
      true,
      new PendingResponses(),
      small,
    )
    expect(result.keys).not.toBe(small)
    expect(result.count).toBe(40)
    expect(result.lines).toBe(42)
    expect(result.problems.map((p) => p.line)).toEqual([42])
    // An id with capitals is the same response as in lower case: it gets the same key.
    expect(result.others).toEqual([])
    responses.forEach((r, i) => {
      expect(result.keys[i * KEY_WORDS + 4]).toBe(i + 2)
      expect(uuidOfKey(result.keys, i * KEY_WORDS)).toBe(r.id)
    })
  })
})
