import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useServices } from '../services.ts'
import type { OutboxEntry } from '../storage/storage.ts'
import { startSyncScheduler, type SyncScheduler, type SyncTrigger } from '../sync/scheduler.ts'
import { createSender, type SyncFailure } from '../sync/sender.ts'

export type SyncStatus = 'idle' | 'syncing' | 'failed'

/** The outbox as the UI sees it, and the one sync loop of the app (started once, from main.ts). */
export const useOutboxStore = defineStore('outbox', () => {
  const { api, storage } = useServices()
  const pendingCount = ref(0)
  const entries = ref<OutboxEntry[]>([])
  const lastSyncAt = ref<string | null>(null)
  const status = ref<SyncStatus>('idle')
  const failure = ref<SyncFailure | null>(null)
  const retryAt = ref<number | null>(null)
  let scheduler: SyncScheduler | null = null

  const refused = computed(() => entries.value.filter((e) => e.state === 'conflict' || e.state === 'rejected'))

  async function refresh(): Promise<void> {
    const [count, all, last] = await Promise.all([storage.countPending(), storage.outbox(), storage.lastSyncAt()])
    pendingCount.value = count
    entries.value = all
    lastSyncAt.value = last ?? null
  }

  function start(): void {
    if (scheduler) return
    const sender = createSender({ storage, send: api.sync })
    scheduler = startSyncScheduler({
      run: sender.run,
      onStart: () => {
        status.value = 'syncing'
      },
      onOutcome: (outcome, nextAt) => {
        status.value = outcome.ok ? 'idle' : 'failed'
        failure.value = outcome.ok ? null : outcome.error
        retryAt.value = nextAt
        void refresh()
      },
      onCrash: (error) => {
        status.value = 'failed'
        failure.value = { code: 'unexpected', message: error instanceof Error ? error.message : String(error), status: null }
        void refresh()
      },
    })
    void refresh().then(() => scheduler?.trigger('timer'))
  }

  function sync(reason: SyncTrigger = 'manual') {
    return scheduler?.trigger(reason)
  }

  /** A response was just queued: show it in the count and try to send it. */
  async function queued(): Promise<void> {
    await refresh()
    void sync('queued')
  }

  function stop(): void {
    scheduler?.stop()
    scheduler = null
  }

  return { pendingCount, entries, refused, lastSyncAt, status, failure, retryAt, refresh, start, sync, queued, stop }
})
