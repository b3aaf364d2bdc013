/**
 * One questionnaire is edited in one browser tab at a time: two tabs writing the same draft would
 * each overwrite the other's answers. The Web Locks API holds a lock per draft for as long as its
 * page is open; where it is missing, tabs agree over a BroadcastChannel. Taking a questionnaire
 * over is polite first (the holder writes every answer, then lets go) and forceful only when the
 * holder does not answer (a frozen background tab).
 */
export type LockHandle = { release(): void }
export type AcquireOptions = {
  /** Ask the holding tab to hand the questionnaire over instead of giving up. */
  takeOver: boolean
  /** This tab must let go (another tab takes over): save everything, stop editing. */
  onHandOver: () => Promise<void>
}
export type DraftLock = { acquire(id: string, options: AcquireOptions): Promise<LockHandle | null> }

/** What tabs say to each other about draft `id`. */
export type LockMessage = { type: 'claim' | 'held' | 'hand-over' | 'released'; id: string; from: string }

export type Channel = {
  postMessage(message: LockMessage): void
  addEventListener(type: 'message', listener: (event: { data: LockMessage }) => void): void
}

type LockManagerLike = Pick<LockManager, 'request'>

const PREFIX = 'parsurvey-draft:'
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A one-shot promise with its resolver, for locks held until released. */
function latch() {
  let open!: () => void
  const closed = new Promise<void>((resolve) => (open = resolve))
  return { closed, open }
}

export function createDraftLock(options: {
  locks?: LockManagerLike | undefined
  channel?: Channel | undefined
  tabId?: string
  /** How long a holder has to answer before it is taken as absent (frozen or closed). */
  waitMs?: number
}): DraftLock {
  const { locks, channel, tabId = crypto.randomUUID(), waitMs = 1500 } = options
  /** Drafts this tab holds, with how to hand each over. */
  const held = new Map<string, { handOver: () => Promise<void> }>()
  /** Drafts this tab is claiming (fallback), and whether another tab answered "held". */
  const claims = new Map<string, { refused: boolean; released: () => void }>()

  channel?.addEventListener('message', ({ data }) => {
    if (data.from === tabId) return
    const mine = held.get(data.id)
    const claim = claims.get(data.id)
    if (data.type === 'claim') {
      // Two tabs claiming at once: the smaller tab id wins, so exactly one gets it.
      if (mine || (claim && tabId < data.from)) channel.postMessage({ type: 'held', id: data.id, from: tabId })
    } else if (data.type === 'held' && claim) {
      claim.refused = true
    } else if (data.type === 'hand-over' && mine) {
      void mine.handOver()
    } else if (data.type === 'released' && claim) {
      claim.released()
    }
  })

  function keep(id: string, onHandOver: () => Promise<void>, letGo: () => void): LockHandle {
    let done = false
    const release = () => {
      if (done) return
      done = true
      held.delete(id)
      letGo()
    }
    held.set(id, {
      handOver: async () => {
        await onHandOver()
        release()
        channel?.postMessage({ type: 'released', id, from: tabId })
      },
    })
    return { release }
  }

  async function withWebLocks(lockManager: LockManagerLike, id: string, { takeOver, onHandOver }: AcquireOptions) {
    const name = PREFIX + id
    const hold = (mode: 'try' | 'wait' | 'steal', signal?: AbortSignal) =>
      new Promise<LockHandle | null>((resolve, reject) => {
        const { closed, open } = latch()
        const request: LockOptions =
          mode === 'try' ? { ifAvailable: true } : mode === 'steal' ? { steal: true } : signal ? { signal } : {}
        lockManager
          .request(name, request, async (lock) => {
            if (!lock) return resolve(null)
            resolve(keep(id, onHandOver, open))
            await closed
          })
          // Stolen by a tab that found this one unresponsive: stop editing here.
          .catch((error: unknown) => {
            if (held.has(id)) void onHandOver().finally(() => held.delete(id))
            else reject(error instanceof Error ? error : new Error(String(error)))
          })
      })
    if (!takeOver) return hold('try')
    channel?.postMessage({ type: 'hand-over', id, from: tabId })
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), waitMs)
    try {
      return await hold('wait', abort.signal)
    } catch {
      return hold('steal')
    } finally {
      clearTimeout(timer)
    }
  }

  async function withChannel(bus: Channel, id: string, { takeOver, onHandOver }: AcquireOptions) {
    const { closed, open } = latch()
    const claim = { refused: false, released: open }
    claims.set(id, claim)
    try {
      if (takeOver) {
        bus.postMessage({ type: 'hand-over', id, from: tabId })
        await Promise.race([closed, sleep(waitMs)])
      } else {
        bus.postMessage({ type: 'claim', id, from: tabId })
        await sleep(Math.min(waitMs, 300))
        if (claim.refused) return null
      }
      return keep(id, onHandOver, () => undefined)
    } finally {
      claims.delete(id)
    }
  }

  return {
    async acquire(id, acquireOptions) {
      if (locks) return withWebLocks(locks, id, acquireOptions)
      if (channel) return withChannel(channel, id, acquireOptions)
      // Neither API (a very old browser): nothing to coordinate with.
      return keep(id, acquireOptions.onHandOver, () => undefined)
    },
  }
}

let shared: DraftLock | null = null

/** The lock of this tab, over the browser's Web Locks (or BroadcastChannel). */
export function draftLock(): DraftLock {
  shared ??= createDraftLock({
    locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined,
    channel:
      typeof BroadcastChannel === 'undefined'
        ? undefined
        : (new BroadcastChannel('parsurvey-draft-locks') as unknown as Channel),
  })
  return shared
}
