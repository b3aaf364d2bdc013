import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { verifyPassword } from '../auth/password.ts'
import { clientIp } from '../auth/rate-limit.ts'
import { clearSessionCookie, currentUser, SESSION_COOKIE, setSessionCookie } from '../auth/middleware.ts'
import type { User } from '../db/users.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'
import { fail } from '../http/errors.ts'

// Verifying against a fixed hash when the user does not exist keeps the answer time the same,
// so timing does not tell which usernames exist.
const DUMMY_HASH = 'scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

const publicUser = ({ username, role, units }: User) => ({ username, role, units })

/** Log in (`POST`), who am I (`GET`), log out (`DELETE`). */
export const sessionRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const body = requireObject(await readJson(c))
    const { username, password } = body
    if (typeof username !== 'string' || username.trim() === '') fail('required-field', { field: 'username' })
    if (typeof password !== 'string' || password === '') fail('required-field', { field: 'password' })
    const { users, sessions, loginLimiter } = c.get('services')
    const name = username.trim()
    const ip = clientIp(c)
    const allowed = loginLimiter.check(name, ip)
    if (!allowed.ok) {
      const minutes = Math.ceil(allowed.retryAfterSeconds / 60)
      c.header('Retry-After', String(allowed.retryAfterSeconds))
      fail('login-rate-limited', { status: 429, params: { minutes } })
    }
    const found = users.findForLogin(name)
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH)
    if (!found || !ok || found.user.disabled) {
      loginLimiter.failed(name, ip)
      fail('invalid-credentials', { status: 401 })
    }
    loginLimiter.succeeded(name, ip)
    users.recordLogin(found.user.id)
    const { token, expiresAt } = sessions.create(found.user.id)
    setSessionCookie(c, token, expiresAt)
    return c.json({ user: publicUser(found.user), expiresAt: expiresAt.toISOString() })
  })
  .get('/', (c) => c.json({ user: publicUser(currentUser(c)) }))
  .delete('/', (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) c.get('services').sessions.destroy(token)
    clearSessionCookie(c)
    return c.body(null, 204)
  })
