import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { User } from '../api/endpoints.ts'
import { ApiError } from '../api/http.ts'
import { useServices } from '../services.ts'
import { offlineSessionUntil } from './offline-session.ts'

const CONFIRMED_KEY = 'sessionConfirmedAt'

/**
 * Who is signed in. The server's cookie is the truth; a copy of the user in IndexedDB lets the app
 * open offline, and is dropped only when the server itself says the session is over.
 */
export const useSessionStore = defineStore('session', () => {
  const { api, storage, now } = useServices()
  const user = ref<User | null>(null)
  /** The cached user is past its offline validity: the log-in page says so. */
  const offlineExpired = ref(false)

  const canAnalyse = computed(() => user.value?.role === 'admin' || user.value?.role === 'analyst')

  /**
   * Fast: reads the cached user only (the reads run side by side). main.ts asks the server
   * (`revalidate`) once the first screen is up.
   */
  async function restore(): Promise<void> {
    const [cached, stillValid] = await Promise.all([storage.cachedUser(), offlineStillValid()])
    offlineExpired.value = cached !== undefined && !stillValid
    user.value = offlineExpired.value ? null : (cached ?? null)
  }

  /** Whether the cached user may still open the app without the server (see offlineSessionUntil). */
  async function offlineStillValid(): Promise<boolean> {
    const [confirmedAt, list] = await Promise.all([storage.setting<string>(CONFIRMED_KEY), storage.surveys()])
    // The round in force comes with the list (an admin may have moved it); lists cached by an
    // older app have none, and then the definition's own round counts.
    const definitions = await Promise.all(
      list.map((s) => (s.round === undefined ? storage.survey(s.id, s.version) : undefined)),
    )
    const closes = list.flatMap((s, i) => {
      const round = s.round === undefined ? definitions[i]?.round : s.round
      return round ? [round.closes] : []
    })
    const until = offlineSessionUntil(confirmedAt, closes)
    return until === null || now().getTime() <= until
  }

  async function confirmed(next: User): Promise<void> {
    user.value = next
    offlineExpired.value = false
    await storage.cacheUser(next)
    await storage.saveSetting(CONFIRMED_KEY, now().toISOString())
  }

  async function revalidate(): Promise<void> {
    try {
      const reply = await api.session()
      await confirmed(reply.user)
    } catch (error) {
      // Offline or a server hiccup: keep working with the cached user.
      if (error instanceof ApiError && error.status === 401) await forget()
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const reply = await api.login(username, password)
    await confirmed(reply.user)
  }

  async function logout(): Promise<void> {
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

  /** Whether this user may collect responses about `unitId`. */
  function mayCollect(unitId: string): boolean {
    const units = user.value?.units
    return units === 'all' || (Array.isArray(units) && units.includes(unitId))
  }

  return { user, offlineExpired, canAnalyse, restore, revalidate, login, logout, mayCollect }
})
