import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson, contentHash, hashCanonical } from './hash.ts'

/** The first, plainly written canonical form: devices' stored hashes were made with it. */
function referenceCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((v) => referenceCanonical(v === undefined ? null : v)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonical(v)}`).join(',')}}`
}

describe('content hash', () => {
  it('is the same whatever order the keys were written in', () => {
    expect(contentHash({ a: 1, b: { c: 'x', d: null } })).toBe(contentHash({ b: { d: null, c: 'x' }, a: 1 }))
  })
  it('differs when one answer differs', () => {
    expect(contentHash({ answers: { q1: 'good' } })).not.toBe(contentHash({ answers: { q1: 'fair' } }))
  })
  it('writes canonical JSON with sorted keys and no undefined members', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 0 }], u: undefined })).toBe('{"a":[2,{"c":0,"d":1}],"b":1}')
  })
  it('writes exactly the text of the reference form for any JSON value, with undefined members and array holes', () => {
    const withUndefined = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('value'), { maxKeys: 5 }),
      ),
    })).value
    fc.assert(
      fc.property(withUndefined, (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonical(value))
      }),
      { numRuns: 500 },
    )
  })
  it('is sha-256 hex', () => {
    expect(contentHash('abc')).toBe(contentHash('abc'))
    expect(contentHash({})).toMatch(/^[0-9a-f]{64}$/)
    // sha256('"abc"') — the canonical JSON of the string abc includes its quotes
    expect(contentHash('abc')).toBe('6cc43f858fbb763301637b5af970e2a46b46f461f27e5a0f41e009c59b827b25')
  })
  it('hashes already canonical text to the content hash of the value it came from', () => {
    const value = { b: [1, 'đ'], a: { y: null, x: 0.67 } }
    expect(hashCanonical(canonicalJson(value))).toBe(contentHash(value))
  })
})
