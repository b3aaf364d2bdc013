import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSyncScheduler, type SchedulerOptions, type SyncScheduler } from './scheduler.ts'
import type { SyncOutcome } from './sender.ts'

const ok: SyncOutcome = { ok: true, sent: 1, refused: 0, pending: 0 }
const offline: SyncOutcome = {
  ok: false,
  error: { code: 'network', message: 'offline', status: null },
  retryInMs: 4_000,
  pending: 2,
}

describe('sync scheduler', () => {
  let win: EventTarget
  let doc: EventTarget & { visibilityState: DocumentVisibilityState }
  let scheduler: SyncScheduler | undefined

  beforeEach(() => {
    vi.useFakeTimers()
    win = new EventTarget()
    doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState })
  })
  afterEach(() => {
    scheduler?.stop()
    vi.useRealTimers()
  })

  function start(outcomes: SyncOutcome[], extra: Partial<SchedulerOptions> = {}) {
    const run = vi.fn(async () => outcomes.shift() ?? ok)
    scheduler = startSyncScheduler({
      run,
      win,
      doc,
      isOnline: () => true,
      now: () => Date.now(),
      intervalMs: 60_000,
      ...extra,
    })
    return run
  }

  it('sends when the network comes back', async () => {
    const run = start([])
    win.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('sends when the app is shown again, and on the timer', async () => {
    const run = start([])
    doc.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('after a failure, waits for the backoff before trying on its own', async () => {
    const run = start([offline])
    await scheduler!.trigger('manual')
    await scheduler!.trigger('visible')
    expect(run).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(4_000)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('the Sync button does not wait for the backoff', async () => {
    const run = start([offline])
    await scheduler!.trigger('timer')
    await scheduler!.trigger('manual')
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('runs one sync at a time and looks again when work was queued meanwhile', async () => {
    let release: (outcome: SyncOutcome) => void = () => {}
    const run = vi.fn(() => new Promise<SyncOutcome>((resolve) => (release = resolve)))
    scheduler = startSyncScheduler({ run, win, doc, isOnline: () => true })
    const first = scheduler.trigger('manual')
    void scheduler.trigger('timer')
    void scheduler.trigger('queued')
    expect(run).toHaveBeenCalledTimes(1)
    release(ok)
    await first
    await vi.advanceTimersByTimeAsync(0)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('does not try on its own while the device says it is offline', async () => {
    const run = start([], { isOnline: () => false })
    await vi.advanceTimersByTimeAsync(120_000)
    expect(run).not.toHaveBeenCalled()
  })
})
