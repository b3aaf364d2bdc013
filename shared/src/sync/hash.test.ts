import { describe, expect, it } from 'vitest'
import { canonicalJson, contentHash, hashCanonical } from './hash.ts'

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
