import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { useServices } from '../services.ts'
import type { OutboxEntry, Receipt } from '../storage/storage.ts'
import { askPaperReceiptsAgain, newestPaperEntry } from '../sync/paper-receipts.ts'
import { startSyncScheduler, type SyncScheduler, type SyncTrigger } from '../sync/scheduler.ts'
import { createSender, type SyncFailure, type SyncProgress } from '../sync/sender.ts'
import { useSessionStore } from './session.ts'
import { useSurveysStore } from './surveys.ts'

export type SyncStatus = 'idle' | 'syncing' | 'failed'

/** The device setting keeping when `owner`'s paper forms were last asked about. */
const paperCheckedKey = (owner: string) => `paper-receipts-checked-at:${owner}`

/** The outbox as the UI sees it, and the one sync loop of the app (started once, from main.ts). */
export const useOutboxStore = defineStore('outbox', () => {
  const { api, storage, now } = useServices()
  const pendingCount = ref(0)
  const entries = ref<OutboxEntry[]>([])
  const lastSyncAt = ref<string | null>(null)
  const status = ref<SyncStatus>('idle')
  const failure = ref<SyncFailure | null>(null)
  const retryAt = ref<number | null>(null)
  /** The run in progress (or the last one): how far it got and what the server said per response. */
  const progress = ref<SyncProgress | null>(null)
  /** When the server was last asked where this user's unsettled paper forms stand (ISO), if ever. */
  const paperCheckedAt = ref<string | null>(null)
  /** Counts the times receipts learnt something new, so lists showing them read them again. */
  const receiptsChanged = ref(0)
  let scheduler: SyncScheduler | null = null
  let askingPaper: Promise<void> | null = null
  const session = useSessionStore()
  /** Drafts and responses belong to the signed-in user; nobody signed in: none shown or sent. */
  const owner = () => session.user?.username ?? null

  const refused = computed(() => entries.value.filter((e) => e.state === 'conflict' || e.state === 'rejected'))
  /** When the oldest response still waiting was queued (ISO), to warn after a day unsent. */
  const oldestPendingAt = computed(() => entries.value.find((e) => e.state === 'pending')?.queuedAt ?? null)

  async function refresh(): Promise<void> {
    const who = owner()
    if (who === null) {
      pendingCount.value = 0
      entries.value = []
      paperCheckedAt.value = null
      lastSyncAt.value = (await storage.lastSyncAt()) ?? null
      return
    }
    const [count, all, last, checked] = await Promise.all([
      storage.countPending(who),
      storage.outbox(who),
      storage.lastSyncAt(),
      storage.setting<string>(paperCheckedKey(who)),
    ])
    pendingCount.value = count
    entries.value = all
    lastSyncAt.value = last ?? null
    paperCheckedAt.value = checked ?? null
  }

  /**
   * Asks the server where this user's sent paper forms that were not settled stand now (a later
   * keying, a supervisor's decision: sync/paper-receipts.ts). One request at a time; offline or
   * refused, nothing changes and the next sync asks again.
   */
  function refreshPaperReceipts(): Promise<void> {
    askingPaper ??= (async () => {
      const who = owner()
      if (who === null) return
      try {
        await session.readyToSend()
        const { asked, changed } = await askPaperReceiptsAgain(
          { storage, ask: (ids) => api.receipts(ids) },
          await storage.outbox(who),
        )
        if (asked === 0) return
        const at = now().toISOString()
        await storage.saveSetting(paperCheckedKey(who), at)
        if (owner() === who) paperCheckedAt.value = at
        if (changed > 0) receiptsChanged.value += 1
      } catch {
        // Offline, logged out or a server error: the states shown stay as last known, with their time.
      }
    })().finally(() => {
      askingPaper = null
    })
    return askingPaper
  }

  /**
   * The server's receipt that accepted each response (its first "stored" or "duplicate"), by id;
   * for a paper form under double entry, with the newest `paperEntry` any of its receipts told.
   */
  async function acceptedReceipts(ids: readonly string[]): Promise<Map<string, Receipt>> {
    const all = await Promise.all(ids.map((id) => storage.receipts(id)))
    const found = new Map<string, Receipt>()
    all.forEach((receipts, i) => {
      const accepted = receipts.find((r) => r.status === 'stored' || r.status === 'duplicate')
      const paperEntry = newestPaperEntry(receipts)
      if (accepted) found.set(ids[i]!, paperEntry ? { ...accepted, paperEntry } : accepted)
    })
    return found
  }

  function start(): void {
    if (scheduler) return
    const sender = createSender({
      storage,
      // After an offline log-in the server is first asked whose cookie this is.
      send: async (responses) => {
        await session.readyToSend()
        return api.sync(responses)
      },
      owner,
      onProgress: (p) => {
        progress.value = p
      },
    })
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
        if (outcome.ok) void refreshPaperReceipts()
        // Runs come with the network (online, shown again, every minute): a survey list that could
        // not be loaded earlier is asked for again, so its notice does not outlive the outage.
        if (outcome.ok) void useSurveysStore().refreshIfFailed()
      },
      onCrash: (error) => {
        status.value = 'failed'
        failure.value = {
          code: 'unexpected',
          message: error instanceof Error ? error.message : String(error),
          status: null,
        }
        void refresh()
      },
    })
    // Another user signs in on the same tablet: show (and send) theirs, never the previous user's.
    watch(owner, () => void refresh().then(() => scheduler?.trigger('online')))
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

  return {
    pendingCount,
    entries,
    refused,
    oldestPendingAt,
    lastSyncAt,
    status,
    failure,
    retryAt,
    progress,
    refresh,
    acceptedReceipts,
    paperCheckedAt,
    receiptsChanged,
    refreshPaperReceipts,
    start,
    sync,
    queued,
    stop,
  }
})
