import type { SessionReply, SessionUser } from '@parsurvey/shared'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { checkLogin } from '../auth/login.ts'
import { clearSessionCookie, currentUser, SESSION_COOKIE, setSessionCookie } from '../auth/middleware.ts'
import type { User } from '../db/users.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'
import { fail } from '../http/errors.ts'

const publicUser = ({ username, role, units }: User): SessionUser => ({ username, role, units })

/** Log in (`POST`), who am I (`GET`), log out (`DELETE`). */
export const sessionRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const body = requireObject(await readJson(c))
    const { username, password } = body
    if (typeof username !== 'string' || username.trim() === '') fail('required-field', { field: 'username' })
    if (typeof password !== 'string' || password === '') fail('required-field', { field: 'password' })
    const user = await checkLogin(c, username.trim(), password)
    // Records the log-in and opens the session in one transaction, unless the account was
    // disabled since its password was checked.
    const session = await c.get('services').accounts.logIn(user.id)
    if (!session) fail('invalid-credentials', { status: 401 })
    const { token, expiresAt } = session
    setSessionCookie(c, token, expiresAt)
    return c.json({ user: publicUser(user), expiresAt: expiresAt.toISOString() } satisfies SessionReply)
  })
  .get('/', (c) => c.json({ user: publicUser(currentUser(c)) } satisfies SessionReply))
  .delete('/', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await c.get('services').sessions.destroy(token)
    clearSessionCookie(c)
    return c.body(null, 204)
  })
