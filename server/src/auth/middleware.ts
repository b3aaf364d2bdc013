import { pickLocale } from '@parsurvey/shared'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Role, User } from '../db/users.ts'
import type { AppEnv } from '../http/context.ts'
import { fail } from '../http/errors.ts'

export const SESSION_COOKIE = 'parsurvey_session'

/** Sets the locale from Accept-Language and the user from the session cookie, when valid. */
export function identify(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('locale', pickLocale(c.req.header('accept-language')))
    const token = getCookie(c, SESSION_COOKIE)
    if (token) {
      const { sessions, users } = c.get('services')
      const userId = await sessions.userIdFor(token)
      const user = userId === undefined ? undefined : await users.findById(userId)
      c.set('user', user && !user.disabled ? user : undefined)
    }
    await next()
  }
}

/** 401 without a session, 403 when the user's role is not among `roles`. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    currentUser(c, roles)
    await next()
  }
}

/** The logged-in user, or a 401/403 error. */
export function currentUser(c: Context<AppEnv>, roles?: Role[]): User {
  const user = c.get('user')
  if (!user) fail('not-authenticated', { status: 401 })
  if (roles && !roles.includes(user.role)) fail('forbidden', { status: 403 })
  return user
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    expires: expiresAt,
    // Secure whenever the browser reached us over HTTPS: directly, through a trusted proxy
    // (X-Forwarded-Proto), or by a PUBLIC_URL that is https.
    secure: isHttps(c.get('client').origin) || isHttps(c.get('client').publicOrigin),
  })
}

const isHttps = (origin: string) => origin.startsWith('https:')

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}
