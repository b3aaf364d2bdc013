/**
 * A small seeded pseudo-random source (mulberry32) for synthetic data: the same seed always gives
 * the same sequence on every platform. Not for secrets.
 */
export type Random = {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [0, n). */
  int(n: number): number
  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T
  /** An index chosen with probability proportional to its weight (all zero → uniform). */
  weighted(weights: readonly number[]): number
  /** Roughly normal around 0 with standard deviation `sd` (sum of uniforms: cheap and bounded). */
  normal(sd: number): number
  /** A UUID v4 string made from this sequence. */
  uuid(): string
}

export function createRandom(seed: number | string): Random {
  let state = typeof seed === 'number' ? seed >>> 0 : hashSeed(seed)
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = (): number => nextUint32() / 4294967296
  const int = (n: number): number => Math.floor(next() * n)
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('cannot pick from an empty list')
      return items[int(items.length)] as T
    },
    weighted(weights: readonly number[]): number {
      const total = weights.reduce((a, b) => a + Math.max(0, b), 0)
      if (total <= 0) return int(weights.length)
      let target = next() * total
      for (let i = 0; i < weights.length; i++) {
        target -= Math.max(0, weights[i] ?? 0)
        if (target < 0) return i
      }
      return weights.length - 1
    },
    normal(sd: number): number {
      // Irwin–Hall with 4 terms: variance 4/12, so scale by sd / sqrt(1/3).
      const sum = next() + next() + next() + next() - 2
      return sum * sd * Math.sqrt(3)
    },
    uuid(): string {
      const words = [nextUint32(), nextUint32(), nextUint32(), nextUint32()]
      // Version 4 in the 13th hex digit, variant 10xx in the 17th.
      words[1] = (((words[1] ?? 0) & 0xffff0fff) | 0x00004000) >>> 0
      words[2] = (((words[2] ?? 0) & 0x3fffffff) | 0x80000000) >>> 0
      const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('')
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    },
  }
}

/** FNV-1a over UTF-16 code units: turns a text seed such as "demo" into a 32-bit state. */
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
