export const BACKOFF_MIN_MS = 1_000
export const BACKOFF_MAX_MS = 5 * 60_000

/**
 * Wait before retry number `failures` (1 = after the first failure): doubles from 1 s up to 5 min,
 * then keeps between half and all of that ("equal jitter") so that tablets that lost the network
 * together do not all come back in the same second.
 * @example backoffDelay(1, () => 1) === 1000; backoffDelay(20, () => 0) === 150000
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, failures - 1)
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(exponent, 30))
  const jittered = ceiling / 2 + (random() * ceiling) / 2
  return Math.round(Math.max(BACKOFF_MIN_MS, jittered))
}
