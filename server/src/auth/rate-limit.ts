/**
 * Log-in throttling: failed log-ins counted in a sliding window under three keys.
 *
 * - (account, IP) pair — 5 failures in 15 min: stops guessing one account from one place, while
 *   the real user logging in from elsewhere is not affected. A successful log-in clears the pair.
 * - IP — 20 failures in 15 min: stops one place spraying guesses over many accounts. An office
 *   behind one NAT address shares it, so it is generous; a success does not clear it (otherwise
 *   an attacker with one valid account could reset it at will).
 * - account, from every IP — 50 failures in 15 min: bounds distributed guessing of one account
 *   (at most ~4,800 guesses a day against a 10+ character password). It does not apply to an IP
 *   from which that account logged in successfully in the last 30 days, so a botnet can slow
 *   the real user down only on new networks, and never from their usual one.
 *
 * An attempt is reserved before its password is checked: it counts as a failure under all three
 * keys at once, synchronously, so requests arriving in parallel cannot all pass a check made
 * before any of them is recorded (at most `perPair` passwords are ever verified per pair and
 * window). A success then clears its pair and refunds its IP and account entries, so successful
 * log-ins never count; a refusal for lack of server capacity (auth/hash-queue.ts) refunds all.
 *
 * Refused attempts are not counted and the password is not checked while refused, so a lock ends
 * at most 15 minutes after the last counted failure: an attacker cannot extend it by hammering,
 * and nobody is locked out for good. Unknown usernames are counted like real ones, so a 429 says
 * nothing about which accounts exist.
 *
 * State lives in memory: on SQLite parsurvey is one Node process on one file, so every log-in
 * passes through this map. A restart forgets the counts, which gives an attacker at most one more
 * window per restart (restarts are rare and made by the operator); in exchange failed log-ins
 * never write to the database, which is synchronous=FULL and must stay free for responses.
 * Several app servers on one PostgreSQL share their counts in the database instead:
 * storage/rate-limit-store.ts, the same limits on the same interface (docs/storage.md).
 *
 * Client IP: the socket's remote address, or behind a proxy listed in `TRUST_PROXY` the address
 * that proxy saw (http/client.ts). Behind a proxy not listed there every request has the proxy's
 * address, so the IP and pair limits then act per proxy: set TRUST_PROXY (docs/deploy.md).
 */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perPair: 5,
  perIp: 20,
  perAccount: 50,
  /** How long a successful log-in makes an IP "known" for its account (a session's life). */
  knownIpMs: 30 * 24 * 60 * 60 * 1000,
} as const

export type LoginLimits = typeof LOGIN_LIMITS
/**
 * A reserved attempt (counted as failed until told otherwise), or a refusal with its wait.
 * `Settled` is what settling returns: nothing here, a promise in the database-backed limiter
 * (storage/rate-limit-store.ts).
 */
export type LoginAttempt<Settled = void> =
  | {
      ok: true
      /** The password was right: clear the pair, refund the IP and account entries. */
      succeeded(): Settled
      /** The password was never checked (the server was busy): refund every entry. */
      cancelled(): Settled
    }
  | { ok: false; retryAfterSeconds: number }

/** Timestamps of the last failures of one key, oldest first, at most `limit` kept. */
type Failures = number[]

export function createLoginLimiter(limits: LoginLimits = LOGIN_LIMITS) {
  const pairs = new Map<string, Failures>()
  const ips = new Map<string, Failures>()
  const accounts = new Map<string, Failures>()
  const known = new Map<string, number>() // `${account}\n${ip}` → last successful log-in
  const pairKey = (account: string, ip: string) => `${account}\n${ip}`

  /** Seconds until fewer than `limit` failures remain in the window, or 0 when under it. */
  function wait(map: Map<string, Failures>, key: string, limit: number, now: number): number {
    const recent = (map.get(key) ?? []).filter((at) => at > now - limits.windowMs)
    if (recent.length === 0) map.delete(key)
    else map.set(key, recent)
    if (recent.length < limit) return 0
    return Math.ceil((recent[recent.length - limit]! + limits.windowMs - now) / 1000)
  }

  function push(map: Map<string, Failures>, key: string, limit: number, now: number): void {
    const list = map.get(key) ?? []
    list.push(now)
    if (list.length > limit) list.splice(0, list.length - limit)
    map.set(key, list)
  }

  /** Takes back one entry made at `at` (entries of equal time are interchangeable). */
  function refund(map: Map<string, Failures>, key: string, at: number): void {
    const list = map.get(key)
    const i = list?.lastIndexOf(at) ?? -1
    if (i < 0) return
    list!.splice(i, 1)
    if (list!.length === 0) map.delete(key)
  }

  /** Forgets expired entries now and then, so the maps stay as small as the recent failures. */
  function sweep(now: number): void {
    for (const map of [pairs, ips, accounts]) {
      for (const [key, list] of map) if ((list.at(-1) ?? 0) <= now - limits.windowMs) map.delete(key)
    }
    for (const [key, at] of known) if (at <= now - limits.knownIpMs) known.delete(key)
  }
  let sinceSweep = 0

  return {
    /**
     * Reserves a log-in attempt for `account` from `ip`, or refuses it. Synchronous on purpose:
     * the check and the count happen in one step, before any password is verified.
     */
    reserve(account: string, ip: string, now = Date.now()): LoginAttempt {
      const name = account.toLowerCase()
      const pair = pairKey(name, ip)
      const isKnown = (known.get(pair) ?? 0) > now - limits.knownIpMs
      const seconds = Math.max(
        wait(pairs, pair, limits.perPair, now),
        wait(ips, ip, limits.perIp, now),
        isKnown ? 0 : wait(accounts, name, limits.perAccount, now),
      )
      if (seconds > 0) return { ok: false, retryAfterSeconds: seconds }
      push(pairs, pair, limits.perPair, now)
      push(ips, ip, limits.perIp, now)
      push(accounts, name, limits.perAccount, now)
      if (++sinceSweep >= 1000) {
        sinceSweep = 0
        sweep(now)
      }
      return {
        ok: true,
        succeeded() {
          pairs.delete(pair)
          refund(ips, ip, now)
          refund(accounts, name, now)
          known.set(pair, now)
        },
        cancelled() {
          refund(pairs, pair, now)
          refund(ips, ip, now)
          refund(accounts, name, now)
        },
      }
    },
  }
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>
