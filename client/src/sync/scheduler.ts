import type { SyncOutcome } from './sender.ts'

/** Why a sync was asked for. `manual` (the Sync button) and `online` skip the backoff wait. */
export type SyncTrigger = 'manual' | 'online' | 'visible' | 'timer' | 'retry' | 'queued'

type Timers = Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>

export type SchedulerOptions = {
  run: () => Promise<SyncOutcome>
  /** Told about every outcome, and about every run start, so the UI can show it. */
  onStart?: () => void
  onOutcome?: (outcome: SyncOutcome, retryAt: number | null) => void
  onCrash?: (error: unknown) => void
  /** Where `online` fires (the window) and where `visibilitychange` fires (the document). */
  win?: EventTarget
  doc?: EventTarget & { readonly visibilityState: DocumentVisibilityState }
  timers?: Timers
  isOnline?: () => boolean
  now?: () => number
  intervalMs?: number
}

/**
 * Runs the sender whenever there is a chance to deliver: the network comes back, the app is
 * shown again, every `intervalMs`, and when asked. One run at a time; after a failure automatic
 * triggers wait for the backoff delay, a retry is scheduled for its end.
 */
export function startSyncScheduler(options: SchedulerOptions) {
  const {
    run,
    onStart,
    onOutcome,
    onCrash,
    win = window,
    doc = document,
    timers = globalThis,
    isOnline = () => navigator.onLine,
    now = () => Date.now(),
    intervalMs = 60_000,
  } = options
  let running: Promise<SyncOutcome | undefined> | null = null
  let again = false
  let retryAt: number | null = null
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  function trigger(reason: SyncTrigger): Promise<SyncOutcome | undefined> {
    const forced = reason === 'manual' || reason === 'online' || reason === 'retry'
    if (!forced && (!isOnline() || (retryAt !== null && now() < retryAt))) return Promise.resolve(undefined)
    if (running) {
      // New work arrived during a run: look again once it ends.
      again ||= reason === 'queued' || reason === 'manual'
      return running
    }
    running = runOnce().finally(() => {
      running = null
      if (again) {
        again = false
        void trigger('queued')
      }
    })
    return running
  }

  async function runOnce(): Promise<SyncOutcome | undefined> {
    timers.clearTimeout(retryTimer)
    onStart?.()
    try {
      const outcome = await run()
      retryAt = outcome.ok ? null : now() + outcome.retryInMs
      if (!outcome.ok) retryTimer = timers.setTimeout(() => void trigger('retry'), outcome.retryInMs)
      onOutcome?.(outcome, retryAt)
      return outcome
    } catch (error) {
      onCrash?.(error)
      return undefined
    }
  }

  const onOnline = () => void trigger('online')
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') void trigger('visible')
  }
  win.addEventListener('online', onOnline)
  doc.addEventListener('visibilitychange', onVisibility)
  const interval = timers.setInterval(() => void trigger('timer'), intervalMs)

  return {
    trigger,
    stop() {
      win.removeEventListener('online', onOnline)
      doc.removeEventListener('visibilitychange', onVisibility)
      timers.clearInterval(interval)
      timers.clearTimeout(retryTimer)
    },
  }
}
export type SyncScheduler = ReturnType<typeof startSyncScheduler>
