import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import StorageProblem from './components/app/StorageProblem.vue'
import { createApi } from './api/endpoints.ts'
import { createHttp } from './api/http.ts'
import { afterFirstScreen, firstScreenShown } from './first-screen.ts'
import { currentLocale, i18n, setLocale } from './i18n/index.ts'
import { registerServiceWorker } from './pwa/register.ts'
import { createAppRouter } from './router.ts'
import { provideServices } from './services.ts'
import { createDexieStorage } from './storage/dexie-storage.ts'
import { recoverDraftJournal } from './storage/draft-journal.ts'
import { checkStorage } from './storage/storage-check.ts'
import { useOutboxStore } from './stores/outbox.ts'
import { useSessionStore } from './stores/session.ts'
import './styles.css'

async function start(): Promise<void> {
  // The messages of the language on screen load while IndexedDB opens.
  const messages = setLocale(currentLocale())
  const http = createHttp({ fetch: (input, init) => fetch(input, init), locale: currentLocale })
  const app = createApp(App)
  app.use(createPinia())
  app.use(i18n)
  const storage = createDexieStorage()
  provideServices({ storage, api: createApi(http), now: () => new Date() })
  // The cached user decides the first route, so the app opens offline straight to its pages. It is
  // read while the storage is checked: a device that cannot keep answers never gets past the check.
  const session = useSessionStore()
  const restored = session.restore()
  restored.catch(() => undefined)
  // A device that cannot keep answers says so at once, rather than a blank page.
  const [problem] = await Promise.all([checkStorage(storage), messages])
  if (problem) {
    createApp(StorageProblem, { problem }).use(i18n).mount('#app')
    return
  }
  await Promise.all([recoverDraftJournal(storage), restored])
  const router = createAppRouter()
  app.use(router)
  app.mount('#app')
  void router.isReady().then(() => {
    if (!router.currentRoute.value.meta.showsItself) requestAnimationFrame(firstScreenShown)
  })
  afterFirstScreen(() => {
    // Offline or not, the cached user goes on working; the server may still end the session.
    void session.revalidate()
    // The outbox is sent whatever page is open, from here, for the life of the app.
    useOutboxStore().start()
    registerServiceWorker()
  })
}

void start()
