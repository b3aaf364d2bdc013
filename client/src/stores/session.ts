import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { User } from '../api/endpoints.ts'
import { ApiError } from '../api/http.ts'
import { useServices } from '../services.ts'

/**
 * Who is signed in. The server's cookie is the truth; a copy of the user in IndexedDB lets the app
 * open offline, and is dropped only when the server itself says the session is over.
 */
export const useSessionStore = defineStore('session', () => {
  const { api, storage } = useServices()
  const user = ref<User | null>(null)

  const canAnalyse = computed(() => user.value?.role === 'admin' || user.value?.role === 'analyst')

  /** Fast: reads the cached user, then asks the server in the background. */
  async function restore(): Promise<void> {
    user.value = (await storage.cachedUser()) ?? null
    void revalidate()
  }

  async function revalidate(): Promise<void> {
    try {
      const reply = await api.session()
      user.value = reply.user
      await storage.cacheUser(reply.user)
    } catch (error) {
      // Offline or a server hiccup: keep working with the cached user.
      if (error instanceof ApiError && error.status === 401) await forget()
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const reply = await api.login(username, password)
    user.value = reply.user
    await storage.cacheUser(reply.user)
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

  return { user, canAnalyse, restore, revalidate, login, logout, mayCollect }
})
