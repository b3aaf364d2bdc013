import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { LOGIN_LIMITS } from '../auth/rate-limit.ts'
import { hashPassword } from '../auth/password.ts'
import { appBackends, type AppBackend } from '../testing/app-backends.ts'

/**
 * The sign-in surface and account administration through HTTP on either backend, with only the
 * services that are on the storage boundary (on PostgreSQL the others throw), and two app
 * servers on one database (testing/app-backends.ts).
 */
const ADMIN_PASSWORD = 'mật khẩu quản trị 1'

describe.each(appBackends)('signing in on $name', (backend) => {
  let opened: AppBackend
  let apps: ReturnType<typeof createApp>[]
  beforeEach(async () => {
    opened = await backend.open()
    apps = [opened.one, opened.two].map((services) => createApp({ services, version: 'test' }))
    // The first admin, as `parsurvey user add` makes it.
    const passwordHash = await hashPassword(ADMIN_PASSWORD)
    await opened.one.accounts.create(
      { username: 'admin', role: 'admin', units: 'all', passwordHash, passwordGenerated: false },
      { userId: null, via: 'cli' },
    )
  })
  afterEach(() => opened.close())

  const [A, B] = [0, 1]
  const call = (app: number, url: string, init: { method?: string; json?: unknown; cookie?: string } = {}) =>
    apps[app]!.request(url, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        // A browser sends Origin on writes without a body; the CSRF guard wants it.
        origin: 'http://localhost',
        'accept-language': 'en',
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.cookie ? { cookie: init.cookie } : {}),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    })
  const logIn = (app: number, username: string, password: string) =>
    call(app, '/api/session', { json: { username, password } })
  async function cookieOf(app: number, username: string, password: string): Promise<string> {
    const res = await logIn(app, username, password)
    expect(res.status).toBe(200)
    return res.headers.get('set-cookie')!.split(';')[0]!
  }
  async function createSurveyor(app: number, admin: string, username: string): Promise<string> {
    const res = await call(app, '/api/users', { cookie: admin, json: { username, role: 'surveyor', units: ['xa-1'] } })
    expect(res.status).toBe(201)
    return ((await res.json()) as { password: string }).password
  }

  it('signs in, reads the session, creates an account that signs in, and logs out', async () => {
    const admin = await cookieOf(A, 'admin', ADMIN_PASSWORD)
    expect(await (await call(A, '/api/session', { cookie: admin })).json()).toEqual({
      user: { username: 'admin', role: 'admin', units: 'all' },
    })
    const password = await createSurveyor(A, admin, 'lan')
    const lan = await cookieOf(A, 'lan', password)
    expect(await (await call(A, '/api/session', { cookie: lan })).json()).toEqual({
      user: { username: 'lan', role: 'surveyor', units: ['xa-1'] },
    })
    const accounts = (await (await call(A, '/api/users', { cookie: admin })).json()) as {
      users: { username: string; lastLoginAt: string | null }[]
    }
    expect(accounts.users.map((u) => u.username)).toEqual(['admin', 'lan'])
    expect(accounts.users.every((u) => u.lastLoginAt !== null)).toBe(true)
    const audit = (await (await call(A, '/api/audit', { cookie: admin })).json()) as {
      entries: { action: string; username: string | null }[]
    }
    expect(audit.entries.map((e) => [e.action, e.username])).toEqual([
      ['user-create', 'admin'],
      ['cli-user-create', null],
    ])
    expect((await call(A, '/api/session', { method: 'DELETE', cookie: lan })).status).toBe(204)
    expect((await call(A, '/api/session', { cookie: lan })).status).toBe(401)
    expect((await call(A, '/api/session', { cookie: admin })).status).toBe(200)
  })

  it('takes a session made through one server on the other, and a log-out through either ends it on both', async () => {
    const admin = await cookieOf(A, 'admin', ADMIN_PASSWORD)
    expect((await call(B, '/api/session', { cookie: admin })).status).toBe(200)
    const password = await createSurveyor(B, admin, 'minh')
    const minh = await cookieOf(B, 'minh', password)
    expect((await call(A, '/api/session', { cookie: minh })).status).toBe(200)
    expect((await call(B, '/api/session', { method: 'DELETE', cookie: minh })).status).toBe(204)
    for (const app of [A, B]) expect((await call(app, '/api/session', { cookie: minh })).status).toBe(401)
  })

  it('refuses a disabled account on both servers, its sessions and its password alike', async () => {
    const admin = await cookieOf(A, 'admin', ADMIN_PASSWORD)
    const password = await createSurveyor(A, admin, 'hoa')
    const hoa = await cookieOf(B, 'hoa', password)
    expect((await call(A, '/api/users/hoa/disable', { method: 'POST', cookie: admin })).status).toBe(200)
    for (const app of [A, B]) {
      expect((await call(app, '/api/session', { cookie: hoa })).status).toBe(401)
      expect((await logIn(app, 'hoa', password)).status).toBe(401)
    }
    // Enabled again through the other server: the password works, the old session stays ended.
    expect((await call(B, '/api/users/hoa/enable', { method: 'POST', cookie: admin })).status).toBe(200)
    expect((await call(A, '/api/session', { cookie: hoa })).status).toBe(401)
    expect((await logIn(A, 'hoa', password)).status).toBe(200)
  })

  it('counts failed log-ins made through both servers against one limit', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perPair; i++)
      expect((await logIn(i % 2 ? B : A, 'admin', `sai mật khẩu ${i}`)).status).toBe(401)
    for (const app of [A, B]) {
      const refused = await logIn(app, 'admin', ADMIN_PASSWORD)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
  })

  it('makes one account of a name created through both servers at once, and never disables the last admin', async () => {
    const admin = await cookieOf(A, 'admin', ADMIN_PASSWORD)
    const statuses = await Promise.all(
      [A, B].map(async (app) => {
        const json = { username: 'thu', role: 'analyst', password: 'mật khẩu dài 12' }
        return (await call(app, '/api/users', { cookie: admin, json })).status
      }),
    )
    expect(statuses.sort()).toEqual([201, 409])
    const refused = await call(B, '/api/users/admin/disable', { method: 'POST', cookie: admin })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('user-last-admin')
    expect((await call(A, '/api/session', { cookie: admin })).status).toBe(200)
  })
})
