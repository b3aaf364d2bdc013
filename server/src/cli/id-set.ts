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
  private readonly key = new Uint32Array(4)

  /** `expected`: how many ids are likely (sizing the table once saves copies while it grows). */
  constructor(expected = 1024) {
    this.capacity = Math.max(64, Math.ceil(expected / MAX_LOAD))
    this.table = new Uint32Array(this.capacity * STRIDE)
  }

  /**
   * Records the id whose 128 bits are `keys[at..at+4)` (a lowercase UUID, `lowercaseUuidKey`)
   * first seen on `line` (≥ 1); if it was seen before, returns that earlier line instead.
   */
  firstLineOfKey(keys: Uint32Array, at: number, line: number): number | undefined {
    if (line > 0xffffffff) throw new Error('more lines than the duplicate check can number')
    if (this.size + 1 > this.capacity * MAX_LOAD) this.grow()
    const t = this.table
    const k0 = keys[at]!
    const k1 = keys[at + 1]!
    const k2 = keys[at + 2]!
    const k3 = keys[at + 3]!
    let slot = this.home(k0, k1, k2, k3)
    for (;;) {
      const i = slot * STRIDE
      const seen = t[i + 4]!
      if (seen === 0) {
        t[i] = k0
        t[i + 1] = k1
        t[i + 2] = k2
        t[i + 3] = k3
        t[i + 4] = line
        this.size++
        return undefined
      }
      if (t[i] === k0 && t[i + 1] === k1 && t[i + 2] === k2 && t[i + 3] === k3) return seen
      slot = slot + 1 === this.capacity ? 0 : slot + 1
    }
  }

  /** The same for an id that is not a lowercase UUID (kept as written: capitals make another id). */
  firstLineOfOther(id: string, line: number): number | undefined {
    const first = this.others.get(id)
    if (first === undefined) this.others.set(id, line)
    return first
  }

  /** Records `id` first seen on `line` (≥ 1); if it was seen before, returns that earlier line instead. */
  firstLine(id: string, line: number): number | undefined {
    return lowercaseUuidKey(id, this.key, 0) ? this.firstLineOfKey(this.key, 0, line) : this.firstLineOfOther(id, line)
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

/** The 128 bits of a lowercase UUID (8-4-4-4-12 hex digits) in `key[at..at+4)`; false for anything else. */
export function lowercaseUuidKey(id: string, key: Uint32Array, at: number): boolean {
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
      key[at + digits / 8 - 1] = word >>> 0
      word = 0
    }
  }
  return true
}

const HEX = '0123456789abcdef'

/** The lowercase UUID whose 128 bits are `key[at..at+4)`: `lowercaseUuidKey` undone. */
export function uuidOfKey(key: Uint32Array, at: number): string {
  let id = ''
  for (let w = 0; w < 4; w++) {
    const word = key[at + w]!
    for (let shift = 28; shift >= 0; shift -= 4) {
      const digits = id.length
      if (digits === 8 || digits === 13 || digits === 18 || digits === 23) id += '-'
      id += HEX[(word >>> shift) & 15]
    }
  }
  return id
}
