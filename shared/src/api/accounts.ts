/** Wire shapes of log-in (`/api/session`) and account administration (`/api/users`). */

export const ROLES = ['admin', 'analyst', 'supervisor', 'surveyor'] as const
export type Role = (typeof ROLES)[number]

/** Who is logged in, as the app sees it. `units`: the unit ids this user may work on, or 'all'. */
export type SessionUser = { username: string; role: Role; units: string[] | 'all' }
/** `POST /api/session` (with the session's end) and `GET /api/session`. */
export type SessionReply = { user: SessionUser; expiresAt?: string }

/** An account as admins see it in the list. */
export type Account = SessionUser & {
  disabled: boolean
  createdAt: string
  disabledAt: string | null
  lastLoginAt: string | null
}
/** `GET /api/users` */
export type AccountList = { users: Account[] }
/** The body of `PATCH /api/users/:username`: what changes (units are kept when left out and the role still has units). */
export type AccountUpdate = { role?: Role; units?: string[] | 'all' }
/** `PATCH /api/users/:username`, `…/disable`, `…/enable` */
export type AccountReply = { user: Account }
/** `POST /api/users`, `POST /api/users/:username/password`: the password only when generated, shown once. */
export type PasswordOutcome = { user: Account; password?: string }
/** What the account form sends; no password: the server generates one. */
export type AccountInput = { username: string; role: Role; units: string[] | 'all'; password?: string }
