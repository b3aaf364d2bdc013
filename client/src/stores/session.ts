import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { User } from '../api/endpoints.ts'
import { ApiError, NetworkError } from '../api/http.ts'
import { useServices } from '../services.ts'
import {
  forgetDeviceUser,
  offlineLogin,
  reconfirmDeviceUser,
  rememberDeviceUser,
  usernameKey,
  type OfflineLogin,
} from '../session/device-users.ts'
import { makeVerifier } from '../session/password-verifier.ts'
import { offlineSessionUntil } from './offline-session.ts'

const CONFIRMED_KEY = 'sessionConfirmedAt'
/** Set by an offline log-in: until the server says whose the browser's cookie is, nothing is sent with it. */
const UNCONFIRMED_KEY = 'sessionUnconfirmed'

/** Why an offline log-in was refused (`unavailable`: this browser has no WebCrypto, e.g. plain HTTP). */
export type OfflineRefusal = Extract<OfflineLogin, { ok: false }>['reason'] | 'unavailable'

/** The server could not be reached and the device could not log the user in by itself. */
export class OfflineLoginRefused extends Error {
  constructor(readonly reason: OfflineRefusal) {
    super(`offline log-in refused: ${reason}`)
    this.name = 'OfflineLoginRefused'
  }
}

const sameUser = (a: User, b: User) => usernameKey(a.username) === usernameKey(b.username)
const cryptoAvailable = () => typeof crypto !== 'undefined' && crypto.subtle !== undefined

/**
 * Who is signed in. The server's cookie is the truth; a copy of the user in IndexedDB lets the app
 * open offline, and is dropped only when the server itself says the session is over. The last
 * users of the device can also log in again offline, against a password verifier kept here.
 */
export const useSessionStore = defineStore('session', () => {
  const { api, storage, now } = useServices()
  const user = ref<User | null>(null)
  /** The cached user is past its offline validity: the log-in page says so. */
  const offlineExpired = ref(false)
  /** The verifier of the last online log-in, being derived (PBKDF2 takes a moment). */
  let remembering: Promise<void> = Promise.resolve()

  const canAnalyse = computed(() => user.value?.role === 'admin' || user.value?.role === 'analyst')

  /**
   * Fast: reads the cached user only (the reads run side by side). main.ts asks the server
   * (`revalidate`) once the first screen is up.
   */
  async function restore(): Promise<void> {
    const [cached, confirmedAt, closes] = await Promise.all([
      storage.cachedUser(),
      storage.setting<string>(CONFIRMED_KEY),
      roundCloses(),
    ])
    offlineExpired.value = cached !== undefined && !offlineStillValid(confirmedAt, closes)
    user.value = offlineExpired.value ? null : (cached ?? null)
  }

  /**
   * The closing dates of the survey rounds on the device. The round in force comes with the list
   * (an admin may have moved it); lists cached by an older app have none, and then the
   * definition's own round counts.
   */
  async function roundCloses(): Promise<string[]> {
    const list = await storage.surveys()
    const definitions = await Promise.all(
      list.map((s) => (s.round === undefined ? storage.survey(s.id, s.version) : undefined)),
    )
    return list.flatMap((s, i) => {
      const round = s.round === undefined ? definitions[i]?.round : s.round
      return round ? [round.closes] : []
    })
  }

  /** Whether a confirmation by the server at `confirmedAt` still lets the app work without it (see offlineSessionUntil). */
  function offlineStillValid(confirmedAt: string | undefined, closes: readonly string[]): boolean {
    const until = offlineSessionUntil(confirmedAt, closes)
    return until === null || now().getTime() <= until
  }

  async function confirmed(next: User): Promise<void> {
    user.value = next
    offlineExpired.value = false
    const at = now().toISOString()
    await storage.cacheUser(next)
    await storage.saveSetting(CONFIRMED_KEY, at)
    await storage.saveSetting(UNCONFIRMED_KEY, false)
    await storage.saveDeviceUsers(reconfirmDeviceUser(await storage.deviceUsers(), next, at))
  }

  /** Asks the server whose session the browser holds; keeps working offline with the cached user. */
  async function revalidate(): Promise<void> {
    try {
      await checkWithServer()
    } catch {
      // Offline or a server hiccup: keep working with the cached user.
    }
  }

  /**
   * The server's view of the session: confirms the user, or, when it has none (401) or it is
   * someone else's (a cookie left by the previous user of the tablet), ends it here: the log-in
   * page asks again. Throws what the server answered (NetworkError offline).
   */
  async function checkWithServer(): Promise<void> {
    const local = user.value
    let reply: { user: User }
    try {
      reply = await api.session()
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) await expire()
      throw error
    }
    if (local && !sameUser(local, reply.user)) {
      await api.logout().catch(() => undefined)
      await forget()
      throw new ApiError(401, 'session-other-user', '')
    }
    await confirmed(reply.user)
  }

  /**
   * Before responses go out with the browser's cookie: after an offline log-in, the cookie may be
   * none or another user's, so the server is asked first. Otherwise nothing to do.
   */
  async function readyToSend(): Promise<void> {
    if (await storage.setting<string | false>(UNCONFIRMED_KEY)) await checkWithServer()
  }

  /**
   * Logs in with the server; when it cannot be reached, against this device's verifier. Resolves to
   * how it was done; throws ApiError (refused by the server) or OfflineLoginRefused.
   */
  async function login(username: string, password: string): Promise<'online' | 'offline'> {
    let reply: { user: User }
    try {
      reply = await api.login(username, password)
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      await loginOffline(username, password)
      return 'offline'
    }
    await confirmed(reply.user)
    // Awaited: a surveyor who closes the tab or reloads right after logging in must still be able
    // to log in again offline (PBKDF2 costs well under a second even on a slow tablet).
    remembering = remember(reply.user, password)
    await remembering
    return 'online'
  }

  /** Keeps a verifier of the password just accepted by the server (never the password). */
  async function remember(who: User, password: string): Promise<void> {
    if (!cryptoAvailable()) return
    try {
      const verifier = await makeVerifier(password)
      const entry = { user: who, verifier, confirmedAt: now().toISOString() }
      await storage.saveDeviceUsers(rememberDeviceUser(await storage.deviceUsers(), entry))
    } catch {
      // Without a verifier the next log-in needs the network, as before; nothing else is lost.
    }
  }

  async function loginOffline(username: string, password: string): Promise<void> {
    if (!cryptoAvailable()) throw new OfflineLoginRefused('unavailable')
    await remembering
    const [list, closes] = await Promise.all([storage.deviceUsers(), roundCloses()])
    const result = await offlineLogin(list, username, password, (at) => offlineStillValid(at, closes))
    if (!result.ok) throw new OfflineLoginRefused(result.reason)
    user.value = result.entry.user
    offlineExpired.value = false
    await storage.cacheUser(result.entry.user)
    // The cached session lasts as long as this user's own last confirmation allows.
    await storage.saveSetting(CONFIRMED_KEY, result.entry.confirmedAt)
    await storage.saveSetting(UNCONFIRMED_KEY, result.entry.user.username)
  }

  /** Whether `username` could log in again on this device without a network. */
  async function canLoginOffline(username: string): Promise<boolean> {
    await remembering
    const [list, closes] = await Promise.all([storage.deviceUsers(), roundCloses()])
    const entry = list.find((e) => usernameKey(e.user.username) === usernameKey(username))
    return cryptoAvailable() && entry !== undefined && offlineStillValid(entry.confirmedAt, closes)
  }

  async function logout(): Promise<void> {
    // The verifier of this session's log-in is kept: logging out must not lock the user out offline.
    await remembering
    try {
      await api.logout()
    } catch {
      // Offline: the cookie will be refused later anyway; forgetting locally is what matters.
    }
    await forget()
  }

  async function forget(): Promise<void> {
    user.value = null
    await storage.cacheUser(undefined)
  }

  /** The server says the session is over (expired, password reset, account disabled): no offline log-in either. */
  async function expire(): Promise<void> {
    const gone = user.value
    await forget()
    if (gone) await storage.saveDeviceUsers(forgetDeviceUser(await storage.deviceUsers(), gone.username))
  }

  /** Whether this user may collect responses about `unitId`. */
  function mayCollect(unitId: string): boolean {
    const units = user.value?.units
    return units === 'all' || (Array.isArray(units) && units.includes(unitId))
  }

  return {
    user,
    offlineExpired,
    canAnalyse,
    restore,
    revalidate,
    readyToSend,
    login,
    canLoginOffline,
    logout,
    mayCollect,
  }
})
