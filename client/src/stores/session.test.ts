import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApi, type User } from '../api/endpoints.ts'
import { ApiError, createHttp, type FetchFn } from '../api/http.ts'
import { provideServices } from '../services.ts'
import { createMemoryStorage } from '../storage/memory-storage.ts'
import type { DeviceStore } from '../storage/storage.ts'
import { testSurvey } from '../test/fixtures.ts'
import { OfflineLoginRefused, useSessionStore } from './session.ts'

// The real verifier at a low cost: its full cost is password-verifier.test.ts's to check, not the store's.
vi.mock('../session/password-verifier.ts', async (load) => {
  const real = await load<typeof import('../session/password-verifier.ts')>()
  return { ...real, makeVerifier: (password: string) => real.makeVerifier(password, 1000) }
})

const accounts: Record<string, User & { password: string }> = {
  lan: { username: 'lan', role: 'surveyor', units: ['huyen-a'], password: 'mật khẩu của Lan' },
  minh: { username: 'minh', role: 'supervisor', units: ['huyen-b'], password: 'mật khẩu của Minh' },
}
let storage: DeviceStore
let online: boolean
/** Whose session the browser's cookie holds on the server (null: none). */
let cookie: string | null
let today: Date
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const publicUser = ({ username, role, units }: User) => ({ username, role, units })

/** The server's session API at the network boundary. */
const fetch: FetchFn = async (url, init) => {
  if (!online) throw new TypeError('Failed to fetch')
  if (url !== '/api/session') return json(404, {})
  if (init?.method === 'POST') {
    const { username, password } = JSON.parse(String(init.body)) as { username: string; password: string }
    const account = accounts[username.toLowerCase()]
    if (account?.password !== password)
      return json(401, { error: { code: 'bad-credentials', message: 'Sai tên đăng nhập hoặc mật khẩu.' } })
    cookie = account.username
    return json(200, { user: publicUser(account) })
  }
  if (init?.method === 'DELETE') {
    cookie = null
    return new Response(null, { status: 204 })
  }
  return cookie ? json(200, { user: publicUser(accounts[cookie]!) }) : json(401, { error: { code: 'no-session' } })
}

/** The app opened again (a reload): a fresh store over the same device storage. */
function reopen() {
  setActivePinia(createPinia())
  return useSessionStore()
}

const refusal = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 'logged in',
    (e: unknown) => (e instanceof OfflineLoginRefused ? e.reason : e),
  )

beforeEach(() => {
  online = true
  cookie = null
  today = new Date('2025-05-01T01:00:00Z')
  storage = createMemoryStorage()
  provideServices({ storage, api: createApi(createHttp({ fetch, locale: () => 'vi' })), now: () => today })
})

describe('session store', () => {
  it('a surveyor who logged out offline logs in again offline, with their role and units', async () => {
    const session = reopen()
    expect(await session.login('lan', accounts.lan!.password)).toBe('online')
    online = false
    await session.logout()
    expect(session.user).toBeNull()
    // The device keeps a verifier, never the password.
    expect(JSON.stringify(await storage.deviceUsers())).not.toContain(accounts.lan!.password)

    const again = reopen()
    expect(await again.login('Lan ', accounts.lan!.password)).toBe('offline')
    expect(again.user).toEqual({ username: 'lan', role: 'surveyor', units: ['huyen-a'] })
    // And the app opens on that user after a reload, still offline.
    const reloaded = reopen()
    await reloaded.restore()
    expect(reloaded.user?.username).toBe('lan')
  })

  it('offline, a wrong password and an account never seen on the device are refused, each with its reason', async () => {
    const session = reopen()
    await session.login('lan', accounts.lan!.password)
    await session.logout()
    online = false
    expect(await refusal(session.login('lan', 'wrong'))).toBe('wrong-password')
    expect(await refusal(session.login('minh', accounts.minh!.password))).toBe('unknown-user')
    expect(session.user).toBeNull()
  })

  it('offline log-in ends with the offline period of the last confirmation by the server', async () => {
    const survey = { ...testSurvey(), round: { opens: '2025-04-01', closes: '2025-05-10' } }
    const summary = { id: survey.id, version: 1, year: 2025, unitKind: 'district', title: survey.title }
    await storage.saveSurveys([summary], [survey])
    const session = reopen()
    await session.login('lan', accounts.lan!.password)
    await session.logout()
    online = false
    today = new Date('2025-06-15T00:00:00Z') // past both the round and 30 days from the log-in
    expect(await refusal(session.login('lan', accounts.lan!.password))).toBe('expired')
    expect(await session.canLoginOffline('lan')).toBe(false)
  })

  it('after an offline log-in nothing is sent before the server says whose cookie the browser holds', async () => {
    const session = reopen()
    await session.login('lan', accounts.lan!.password)
    await session.logout()
    await session.login('minh', accounts.minh!.password)
    // Minh logs out offline: the cookie stays Minh's; Lan logs in offline.
    online = false
    await session.logout()
    expect(await session.login('lan', accounts.lan!.password)).toBe('offline')
    online = true
    cookie = 'minh'
    const refused = await session.readyToSend().catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).status).toBe(401)
    expect(session.user).toBeNull()
    expect(cookie).toBeNull()
    // Lan logs in with the server again: sending needs no further check.
    await session.login('lan', accounts.lan!.password)
    await expect(session.readyToSend()).resolves.toBeUndefined()
  })

  it('a 401 from the server ends the session here, and with it the offline log-in of that user', async () => {
    const session = reopen()
    await session.login('lan', accounts.lan!.password)
    await session.canLoginOffline('lan')
    cookie = null // expired on the server, or the account was disabled
    await session.revalidate()
    expect(session.user).toBeNull()
    expect(await session.canLoginOffline('lan')).toBe(false)
  })
})
