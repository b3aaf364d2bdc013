import { describe, expect, it } from 'vitest'
import { IdSet, lowercaseUuidKey, uuidOfKey } from './id-set.ts'

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

describe('IdSet', () => {
  it('gives the first line of an id seen before, and nothing for a new one, across growth', () => {
    const ids = new IdSet(16)
    for (let n = 1; n <= 5000; n++) expect(ids.firstLine(uuid(n), n)).toBeUndefined()
    for (let n = 1; n <= 5000; n += 37) expect(ids.firstLine(uuid(n), 9999)).toBe(n)
    expect(ids.firstLine(crypto.randomUUID(), 1)).toBeUndefined()
  })

  it('keeps an id written with capitals apart from the same id in lowercase', () => {
    const ids = new IdSet()
    const id = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890'
    expect(ids.firstLine(id, 1)).toBeUndefined()
    expect(ids.firstLine(id.toUpperCase(), 2)).toBeUndefined()
    expect(ids.firstLine(id.toUpperCase(), 3)).toBe(2)
    expect(ids.firstLine(id, 4)).toBe(1)
  })

  it('writes a lowercase UUID back exactly from its 128 bits, and takes nothing else for one', () => {
    const key = new Uint32Array(9)
    for (const id of [
      '00000000-0000-4000-8000-000000000000',
      'ffffffff-ffff-4fff-bfff-ffffffffffff',
      crypto.randomUUID(),
      crypto.randomUUID(),
    ]) {
      expect(lowercaseUuidKey(id, key, 5)).toBe(true)
      expect(uuidOfKey(key, 5)).toBe(id)
    }
    for (const id of [
      '6F1C2D3E-4B5A-4C6D-8E7F-901234567890',
      '6f1c2d3e4b5a4c6d8e7f901234567890',
      '6f1c2d3e-4b5a-4c6d-8e7f-90123456789g',
    ]) {
      expect(lowercaseUuidKey(id, key, 0)).toBe(false)
    }
  })
})
