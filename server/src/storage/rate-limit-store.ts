import type { Kysely } from 'kysely'
import { LOGIN_LIMITS, type LoginAttempt, type LoginLimits } from '../auth/rate-limit.ts'
import { LOOKUP_LIMITS, type LookupAttempt, type LookupLimits } from '../codes/lookup-limiter.ts'
import type { Storage } from './open-storage.ts'
import type { StorageSchema } from './schema.ts'

/**
 * The log-in and access-code lookup limits of auth/rate-limit.ts and codes/lookup-limiter.ts,
 * counted in the database (migration 090) so that every app server on one database shares one
 * allowance. Same limits, same order of work (reserve before the password or code is checked,
 * settle after), same refusals; the in-memory limiters stay in use on SQLite (docs/storage.md).
 *
 * Failures are counted per kind × key × fixed window (windows aligned to multiples of the
 * window length). A reservation adds one under each of its keys with
 * `INSERT … ON CONFLICT … DO UPDATE SET count = count + 1 RETURNING count`, all in one
 * transaction, and rolls the transaction back when a count went over its limit, so a refused
 * attempt counts nowhere. The upsert locks its row until commit: on PostgreSQL a concurrent
 * reservation of the same key waits and then sees the committed count, on SQLite there is one
 * writer. Parallel attempts from any number of servers therefore never pass more than the limit.
 * Keys are always taken in one order (pair, IP, account), so two reservations cannot deadlock.
 *
 * One difference from the sliding windows in memory: a refusal lasts until the window ends
 * (never more than one window after the last counted failure, as there), and the count starts
 * again at each window, so up to twice the limit can pass across a window boundary; the limit
 * per window, and so per day, is the same.
 */

type Kind = 'login-pair' | 'login-ip' | 'login-account' | 'code-lookup'
/** One key to count under; `limit` null: counted, not checked (a known IP's account count). */
type Count = { kind: Kind; key: string; limit: number | null }

/** Reservations per limiter between two sweeps of the rows of past windows. */
const SWEEP_EVERY = 1000

const windowOf = (now: number, windowMs: number) => Math.floor(now / windowMs) * windowMs

class Refused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited')
  }
}

/**
 * Adds one failure under every key in one transaction; a refusal (rolled back, so nothing is
 * counted) or the window the failures were counted in.
 */
async function reserveAll(
  db: Kysely<StorageSchema>,
  counts: Count[],
  windowMs: number,
  now: number,
): Promise<{ ok: true; windowStart: number } | { ok: false; retryAfterSeconds: number }> {
  const windowStart = windowOf(now, windowMs)
  try {
    await db.transaction().execute(async (trx) => {
      for (const { kind, key, limit } of counts) {
        const { count } = await trx
          .insertInto('rate_limit_windows')
          .values({ kind, key, window_start: windowStart, count: 1 })
          .onConflict((oc) =>
            oc
              .columns(['kind', 'key', 'window_start'])
              .doUpdateSet((eb) => ({ count: eb('rate_limit_windows.count', '+', 1) })),
          )
          .returning('count')
          .executeTakeFirstOrThrow()
        if (limit !== null && count > limit)
          throw new Refused(Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)))
      }
    })
    return { ok: true, windowStart }
  } catch (error) {
    if (error instanceof Refused) return { ok: false, retryAfterSeconds: error.retryAfterSeconds }
    throw error
  }
}

/** Takes back one failure counted under `kind`/`key` in the window starting at `windowStart`. */
async function takeBack(db: Kysely<StorageSchema>, kind: Kind, key: string, windowStart: number): Promise<void> {
  await db
    .updateTable('rate_limit_windows')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .where('count', '>', 0)
    .execute()
}

/** Deletes the rows of windows that are over. */
async function sweepWindows(db: Kysely<StorageSchema>, kinds: Kind[], windowMs: number, now: number) {
  await db
    .deleteFrom('rate_limit_windows')
    .where('kind', 'in', kinds)
    .where('window_start', '<=', now - windowMs)
    .execute()
}

/** The log-in limiter of auth/rate-limit.ts on the database: pair, IP and account counts. */
export function loginLimiterOn(storage: Storage, limits: LoginLimits = LOGIN_LIMITS) {
  const { db } = storage
  let sinceSweep = 0

  const sweep = async (now = Date.now()) => {
    await sweepWindows(db, ['login-pair', 'login-ip', 'login-account'], limits.windowMs, now)
    await db
      .deleteFrom('login_known_ips')
      .where('last_success_at', '<=', now - limits.knownIpMs)
      .execute()
  }

  return {
    /** Reserves a log-in attempt for `account` from `ip`, or refuses it (auth/rate-limit.ts). */
    async reserve(account: string, ip: string, now = Date.now()): Promise<LoginAttempt<Promise<void>>> {
      const name = account.toLowerCase()
      const pair = `${name}\n${ip}`
      // Read before the reservation: a success recorded meanwhile by another server only
      // relaxes the account limit, so acting on this read cannot let too many attempts through.
      const known = await db
        .selectFrom('login_known_ips')
        .select('last_success_at')
        .where('account', '=', name)
        .where('ip', '=', ip)
        .executeTakeFirst()
      const isKnown = (known?.last_success_at ?? 0) > now - limits.knownIpMs
      const reserved = await reserveAll(
        db,
        [
          { kind: 'login-pair', key: pair, limit: limits.perPair },
          { kind: 'login-ip', key: ip, limit: limits.perIp },
          { kind: 'login-account', key: name, limit: isKnown ? null : limits.perAccount },
        ],
        limits.windowMs,
        now,
      )
      if (!reserved.ok) return reserved
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0
        await sweep(now)
      }
      const { windowStart } = reserved
      return {
        ok: true,
        succeeded: () =>
          db.transaction().execute(async (trx) => {
            await trx
              .deleteFrom('rate_limit_windows')
              .where('kind', '=', 'login-pair')
              .where('key', '=', pair)
              .execute()
            await takeBack(trx, 'login-ip', ip, windowStart)
            await takeBack(trx, 'login-account', name, windowStart)
            await trx
              .insertInto('login_known_ips')
              .values({ account: name, ip, last_success_at: now })
              .onConflict((oc) => oc.columns(['account', 'ip']).doUpdateSet({ last_success_at: now }))
              .execute()
          }),
        cancelled: () =>
          db.transaction().execute(async (trx) => {
            await takeBack(trx, 'login-pair', pair, windowStart)
            await takeBack(trx, 'login-ip', ip, windowStart)
            await takeBack(trx, 'login-account', name, windowStart)
          }),
      }
    },
    /** Forgets the counts of windows that are over and IPs known for longer than 30 days. */
    sweep,
  }
}
export type StoredLoginLimiter = ReturnType<typeof loginLimiterOn>

/** The access-code lookup limiter of codes/lookup-limiter.ts on the database: failures per IP. */
export function lookupLimiterOn(storage: Storage, limits: LookupLimits = LOOKUP_LIMITS) {
  const { db } = storage
  let sinceSweep = 0
  const sweep = (now = Date.now()) => sweepWindows(db, ['code-lookup'], limits.windowMs, now)

  return {
    /** Reserves a lookup from `ip`, or refuses it (codes/lookup-limiter.ts). */
    async reserve(ip: string, now = Date.now()): Promise<LookupAttempt<Promise<void>>> {
      const reserved = await reserveAll(
        db,
        [{ kind: 'code-lookup', key: ip, limit: limits.limit }],
        limits.windowMs,
        now,
      )
      if (!reserved.ok) return reserved
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0
        await sweep(now)
      }
      return { ok: true, found: () => takeBack(db, 'code-lookup', ip, reserved.windowStart) }
    },
    /** Forgets the counts of windows that are over. */
    sweep,
  }
}
export type StoredLookupLimiter = ReturnType<typeof lookupLimiterOn>
