import { ref } from 'vue'
import { Workbox } from 'workbox-window'

/** True when a new version of the app is installed and waiting for the surveyor's consent. */
export const updateReady = ref(false)

let workbox: Workbox | null = null

/**
 * Registers the service worker (production builds only). A new version never takes over on its
 * own: a reload in the middle of an interview would be a surprise, so we only raise `updateReady`.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  workbox = new Workbox('/sw.js', { scope: '/' })
  workbox.addEventListener('waiting', () => {
    updateReady.value = true
  })
  void workbox.register()
}

/** The surveyor said yes: let the waiting worker take over, then reload once it controls the page. */
export function applyUpdate(): void {
  if (!workbox) return
  workbox.addEventListener('controlling', () => window.location.reload())
  workbox.messageSkipWaiting()
}

export function dismissUpdate(): void {
  updateReady.value = false
}
