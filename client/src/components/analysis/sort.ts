export type SortDirection = 'asc' | 'desc'
export type SortState<K extends string> = { key: K; direction: SortDirection }

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' })

/**
 * Compares two cell values: numbers numerically, text the Vietnamese way (Đ after D, tones
 * ignored first); null and undefined always last, whatever the direction, so missing values never
 * pretend to be the best or the worst.
 */
export function compareValues(a: unknown, b: unknown, direction: SortDirection): number {
  const missingA = a === null || a === undefined
  const missingB = b === null || b === undefined
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1
  const sign = direction === 'asc' ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b)
  return sign * collator.compare(String(a), String(b))
}

/** A sorted copy; equal rows keep their order (Array.prototype.sort is stable). */
export function sortRows<T, K extends string>(
  rows: readonly T[],
  state: SortState<K>,
  value: (row: T, key: K) => unknown,
): T[] {
  return [...rows].sort((a, b) => compareValues(value(a, state.key), value(b, state.key), state.direction))
}

/** Clicking a column: the same column flips direction, a new one starts with its natural direction. */
export function toggleSort<K extends string>(
  state: SortState<K>,
  key: K,
  natural: SortDirection = 'asc',
): SortState<K> {
  if (state.key !== key) return { key, direction: natural }
  return { key, direction: state.direction === 'asc' ? 'desc' : 'asc' }
}
