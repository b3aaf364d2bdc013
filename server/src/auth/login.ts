import type { Context } from 'hono'
import type { User } from '../db/users.ts'
import type { AppEnv } from '../http/context.ts'
import { fail, refuseForNow } from '../http/errors.ts'
import { dummyPasswordHash, verifyPassword } from './password.ts'

/**
 * Checks a log-in and returns its user, or throws 401 (wrong name or password, disabled account:
 * one answer for all) or 429 with Retry-After. In this order, so that no `await` separates a
 * limit from its count: reserve the attempt (auth/rate-limit.ts in memory, or one transaction of
 * storage/rate-limit-store.ts on PostgreSQL), take a turn of password work
 * (auth/hash-queue.ts; the attempt is refunded if none is free), verify (against a dummy hash
 * when the name is unknown, so that costs the same), then settle the reservation.
 */
export async function checkLogin(c: Context<AppEnv>, username: string, password: string): Promise<User> {
  const { users, loginLimiter, passwordChecks } = c.get('services')
  const { ip } = c.get('client')
  const attempt = await loginLimiter.reserve(username, ip)
  if (!attempt.ok) refuseForNow(c, 'login-rate-limited', attempt.retryAfterSeconds)
  const turn = passwordChecks.tryRun(ip, async () => {
    // Awaited for every name, so the first log-in of a process (which makes the dummy) costs
    // the same whether or not the name exists.
    const dummy = await dummyPasswordHash()
    const found = await users.findForLogin(username)
    return { found, ok: await verifyPassword(password, found?.passwordHash ?? dummy) }
  })
  if (!turn.ok) {
    await attempt.cancelled()
    refuseForNow(c, 'login-busy', turn.retryAfterSeconds)
  }
  const { found, ok } = await turn.result
  if (!found || !ok || found.user.disabled) fail('invalid-credentials', { status: 401 })
  await attempt.succeeded()
  return found.user
}
