import { expect } from 'vitest'
import { createApp } from '../app.ts'
import { hashPassword } from '../auth/password.ts'
import type { Role } from '../db/users.ts'
import type { AppBackend } from './app-backends.ts'

/** The password of every account `appsSignedIn` creates. */
export const APP_PASSWORD = 'mật khẩu thử dài 12'

export type AppAccount = [username: string, role: Role, units: string[] | 'all']

/**
 * The apps of both servers of `opened` (testing/app-backends.ts), with `accounts` created
 * through the first, and `signIn`, which signs an account in once through the first app (its
 * session is valid on both servers) and gives its cookie from then on.
 */
export async function appsSignedIn(opened: AppBackend, accounts: AppAccount[]) {
  const passwordHash = await hashPassword(APP_PASSWORD)
  for (const [username, role, units] of accounts)
    await opened.one.accounts.create(
      { username, role, units, passwordHash, passwordGenerated: false },
      { userId: null, via: 'cli' },
    )
  const apps = [opened.one, opened.two].map((services) => createApp({ services, version: 'test' }))
  const cookies = new Map<string, string>()
  async function signIn(as: string): Promise<string> {
    const known = cookies.get(as)
    if (known) return known
    const res = await apps[0]!.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: as, password: APP_PASSWORD }),
    })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!
    cookies.set(as, cookie)
    return cookie
  }
  return { apps, signIn }
}
