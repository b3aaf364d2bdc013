/**
 * The response ids seen so far, each with the line it was first seen on, for the duplicate check
 * of `score` (a later copy of an id is skipped). A Set of a million id strings costs ~90 MB; here
 * an id written as a lowercase UUID (what devices send) is stored as its exact 128 bits in an
 * open-addressing table of Uint32 words: 20 bytes a slot, no false positives — two ids are the
 * same exactly when their 128 bits are, because lowercase hex is one-to-one. Any other id (a
 * valid UUID with capitals) is kept as a string in a Map, so "ABC…" and "abc…" stay different ids
 * as they are today.
 */
const STRIDE = 5 // four key words, then the line (0 = empty slot)
const MAX_LOAD = 0.85

export class IdSet {
  private table: Uint32Array
  private capacity: number
  private size = 0
  private readonly others = new Map<string, number>()

  /** `expected`: how many ids are likely (sizing the table once saves copies while it grows). */
  constructor(expected = 1024) {
    this.capacity = Math.max(64, Math.ceil(expected / MAX_LOAD))
    this.table = new Uint32Array(this.capacity * STRIDE)
  }

  /** Records `id` first seen on `line` (≥ 1); if it was seen before, returns that earlier line instead. */
  firstLine(id: string, line: number, key: Uint32Array): number | undefined {
    if (!lowercaseUuidKey(id, key)) {
      const first = this.others.get(id)
      if (first === undefined) this.others.set(id, line)
      return first
    }
    if (line > 0xffffffff) throw new Error('more lines than the duplicate check can number')
    if (this.size + 1 > this.capacity * MAX_LOAD) this.grow()
    const t = this.table
    const [k0, k1, k2, k3] = [key[0]!, key[1]!, key[2]!, key[3]!]
    let slot = this.home(k0, k1, k2, k3)
    for (;;) {
      const at = slot * STRIDE
      const seen = t[at + 4]!
      if (seen === 0) {
        t[at] = k0
        t[at + 1] = k1
        t[at + 2] = k2
        t[at + 3] = k3
        t[at + 4] = line
        this.size++
        return undefined
      }
      if (t[at] === k0 && t[at + 1] === k1 && t[at + 2] === k2 && t[at + 3] === k3) return seen
      slot = slot + 1 === this.capacity ? 0 : slot + 1
    }
  }

  private home(k0: number, k1: number, k2: number, k3: number): number {
    // Random UUIDs are already uniform; the mixing keeps hand-made ids (…0001, …0002) spread too.
    let h = Math.imul(k0 ^ 0x9e3779b9, 0x85ebca6b)
    h = Math.imul(h ^ k1 ^ (h >>> 15), 0xc2b2ae35)
    h = Math.imul(h ^ k2 ^ (h >>> 13), 0x85ebca6b)
    h = Math.imul(h ^ k3 ^ (h >>> 16), 0xc2b2ae35)
    h ^= h >>> 15
    return Math.min(this.capacity - 1, Math.floor(((h >>> 0) * this.capacity) / 0x100000000))
  }

  private grow(): void {
    const old = this.table
    const oldCapacity = this.capacity
    this.capacity = Math.ceil(oldCapacity * 1.5)
    this.table = new Uint32Array(this.capacity * STRIDE)
    this.size = 0
    for (let s = 0; s < oldCapacity; s++) {
      const at = s * STRIDE
      const line = old[at + 4]!
      if (line === 0) continue
      let slot = this.home(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!)
      while (this.table[slot * STRIDE + 4] !== 0) slot = slot + 1 === this.capacity ? 0 : slot + 1
      this.table.set(old.subarray(at, at + STRIDE), slot * STRIDE)
      this.size++
    }
  }
}

/** The 128 bits of a lowercase UUID (8-4-4-4-12 hex digits) in `key`; false for anything else. */
export function lowercaseUuidKey(id: string, key: Uint32Array): boolean {
  if (id.length !== 36) return false
  let word = 0
  let digits = 0
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i)
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false
      continue
    }
    let v: number
    if (c >= 48 && c <= 57) v = c - 48
    else if (c >= 97 && c <= 102) v = c - 87
    else return false
    word = (word << 4) | v
    if (++digits % 8 === 0) {
      key[digits / 8 - 1] = word >>> 0
      word = 0
    }
  }
  return true
}
