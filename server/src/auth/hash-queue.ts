import os from 'node:os'

/**
 * The password-hash work of log-ins, bounded. One scrypt verification costs ~100 ms of a core
 * and 32 MiB, and runs on libuv's thread pool (4 threads), which file system work and the
 * database backup share: unbounded, a burst of log-ins queued there made every other request
 * wait behind it (a normal log-in took minutes). So:
 *
 * - at most `concurrency` verifications run at once (about the core count), leaving pool threads
 *   for everything else;
 * - at most `maxWaiting` more wait, and at most `maxWaitingPerAddress` of them from one client
 *   address, so one address cannot fill the line;
 * - waiting work is started round-robin over client addresses, so a log-in from a quiet address
 *   waits for at most one task per busy address, not behind a whole burst;
 * - beyond that, `tryRun` refuses at once and says roughly when to retry (the route answers 429).
 *
 * In memory, like the log-in counts (auth/rate-limit.ts): one process serves every log-in.
 */
export const HASH_QUEUE_LIMITS = {
  concurrency: Math.max(1, os.availableParallelism()),
  maxWaiting: 64,
  maxWaitingPerAddress: 8,
}
export type HashQueueLimits = typeof HASH_QUEUE_LIMITS

/** A first guess at one verification's duration, until real ones are measured. */
const INITIAL_TASK_MS = 150

/** Admitted work (its result, once run), or a refusal with a rough wait. */
export type HashQueueTurn<T> = { ok: true; result: Promise<T> } | { ok: false; retryAfterSeconds: number }

export function createHashQueue(limits: HashQueueLimits = HASH_QUEUE_LIMITS) {
  /** Address → starters of its waiting work, oldest first; Map order is the round-robin turn. */
  const waiting = new Map<string, (() => void)[]>()
  let waitingCount = 0
  let running = 0
  /** Moving average of a task's duration, for Retry-After. */
  let averageMs = INITIAL_TASK_MS

  function startNext(): void {
    while (running < limits.concurrency) {
      const turn = waiting.entries().next()
      if (turn.done) return
      const [address, starters] = turn.value
      waiting.delete(address)
      const start = starters.shift()!
      if (starters.length > 0) waiting.set(address, starters) // to the back of the round
      waitingCount--
      start()
    }
  }

  async function execute<T>(task: () => Promise<T>): Promise<T> {
    running++
    const started = performance.now()
    try {
      return await task()
    } finally {
      averageMs = 0.8 * averageMs + 0.2 * (performance.now() - started)
      running--
      startNext()
    }
  }

  return {
    /**
     * Runs `task` for a client at `address` now, or once its turn comes; or refuses synchronously
     * (nothing is queued then) when the line, or this address's share of it, is full.
     */
    tryRun<T>(address: string, task: () => Promise<T>): HashQueueTurn<T> {
      if (running < limits.concurrency && waitingCount === 0) return { ok: true, result: execute(task) }
      const mine = waiting.get(address) ?? []
      if (waitingCount >= limits.maxWaiting || mine.length >= limits.maxWaitingPerAddress) {
        const queuedMs = ((waitingCount + running) / limits.concurrency) * averageMs
        return { ok: false, retryAfterSeconds: Math.min(60, Math.max(1, Math.ceil(queuedMs / 1000))) }
      }
      const result = new Promise<T>((resolve, reject) => {
        mine.push(() => void execute(task).then(resolve, reject))
      })
      waiting.set(address, mine)
      waitingCount++
      return { ok: true, result }
    },
    /** Verifications running and waiting now. */
    load: () => ({ running, waiting: waitingCount }),
  }
}
export type HashQueue = ReturnType<typeof createHashQueue>
