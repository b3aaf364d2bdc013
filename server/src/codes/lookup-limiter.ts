/**
 * Slows down guessing of access codes: failed lookups (a code that does not exist) are counted
 * per client IP in a sliding window; at `limit` failures that IP gets 429 for every lookup —
 * valid codes included, otherwise the limit would still answer "hit or miss" — until the oldest
 * counted failure leaves the window.
 *
 * This is the second line of defence. The first is entropy: a code has 80 random bits, so even
 * a million issued codes leave one guess a chance of 2^-60; at 20 guesses per 10 minutes an IP
 * would need ~10^16 years. Used and expired codes are not failures: they are real respondents
 * coming back, and they learn what happened from the answer.
 *
 * A lookup is reserved as a failure before the request body is read and refunded once its code
 * turns out to exist, so parallel guesses cannot all pass a check made before any is counted.
 *
 * State lives in memory: parsurvey is one Node process on one SQLite file, so every lookup passes
 * through this map. A restart forgets the counts, which gives a guesser one more window per
 * restart — negligible against 80 bits — while wrong guesses never write to the database, which
 * must stay free for responses. Generous by design: a commune office or a mobile carrier puts
 * many honest people behind one address (and, behind a reverse proxy, everyone shares the proxy's).
 * With several app servers on one PostgreSQL the counts live in the database instead
 * (storage/rate-limit-store.ts, same limits and interface; docs/storage.md).
 */
export const LOOKUP_LIMITS = { windowMs: 10 * 60 * 1000, limit: 20 } as const
export type LookupLimits = { windowMs: number; limit: number }

/**
 * A reserved lookup (counted as a failed guess until its code is found), or a refusal. `Settled`
 * is a promise in the database-backed limiter (storage/rate-limit-store.ts).
 */
export type LookupAttempt<Settled = void> =
  | {
      ok: true
      /** The code exists (used and expired codes too): not a guess, take the count back. */
      found(): Settled
    }
  | { ok: false; retryAfterSeconds: number }

/** Most IPs tracked at once; beyond that the stalest are forgotten so memory stays bounded. */
const MAX_TRACKED = 50_000

export function createLookupLimiter(limits: LookupLimits = LOOKUP_LIMITS) {
  // IP → times of its recent failures, oldest first, at most `limit` kept.
  const failures = new Map<string, number[]>()

  function recent(ip: string, now: number): number[] {
    const list = (failures.get(ip) ?? []).filter((at) => at > now - limits.windowMs)
    if (list.length === 0) failures.delete(ip)
    else failures.set(ip, list)
    return list
  }

  return {
    /** Reserves a lookup from `ip`, or refuses it; the check and the count are one step. */
    reserve(ip: string, now = Date.now()): LookupAttempt {
      const list = recent(ip, now)
      if (list.length >= limits.limit) {
        const oldest = list[list.length - limits.limit]!
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + limits.windowMs - now) / 1000)) }
      }
      list.push(now)
      // Re-inserting moves the IP to the end, so the Map's order is least recently failed first.
      failures.delete(ip)
      failures.set(ip, list)
      if (failures.size > MAX_TRACKED) {
        const stalest = failures.keys().next().value
        if (stalest !== undefined) failures.delete(stalest)
      }
      return {
        ok: true,
        found() {
          const mine = failures.get(ip)
          const i = mine?.lastIndexOf(now) ?? -1
          if (i >= 0) mine!.splice(i, 1)
          if (mine?.length === 0) failures.delete(ip)
        },
      }
    },
  }
}
export type LookupLimiter = ReturnType<typeof createLookupLimiter>
