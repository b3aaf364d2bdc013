import { describe, expect, it } from 'vitest'
import { IdSet } from './id-set.ts'

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

describe('IdSet', () => {
  it('gives the first line of an id seen before, and nothing for a new one, across growth', () => {
    const ids = new IdSet(16)
    const key = new Uint32Array(4)
    for (let n = 1; n <= 5000; n++) expect(ids.firstLine(uuid(n), n, key)).toBeUndefined()
    for (let n = 1; n <= 5000; n += 37) expect(ids.firstLine(uuid(n), 9999, key)).toBe(n)
    expect(ids.firstLine(crypto.randomUUID(), 1, key)).toBeUndefined()
  })

  it('keeps an id written with capitals apart from the same id in lowercase', () => {
    const ids = new IdSet()
    const key = new Uint32Array(4)
    const id = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890'
    expect(ids.firstLine(id, 1, key)).toBeUndefined()
    expect(ids.firstLine(id.toUpperCase(), 2, key)).toBeUndefined()
    expect(ids.firstLine(id.toUpperCase(), 3, key)).toBe(2)
    expect(ids.firstLine(id, 4, key)).toBe(1)
  })
})
