import type { Worker } from 'node:worker_threads'
import type { AggregateFolding } from './folding.ts'
import { startWorker } from './worker-thread.ts'

/** How often the fold thread folds: often enough that a read rarely finds much left to fold. */
const EVERY_MS = 1_000

/**
 * Moves the folding of stored responses into the aggregates to a thread of its own (the server
 * does this; tests and the CLI fold on their own thread). It reads and counts outside the
 * write lock and holds the lock only for the merged upserts (`folding.foldDetached`). The
 * request thread then stages nothing; its reads still fold whatever is left first, so they
 * never miss a stored response.
 */
export function startFoldThread(file: string, folding: AggregateFolding, log: (line: string) => void) {
  folding.detach()
  const worker: Worker = startWorker(new URL('./fold-worker.ts', import.meta.url), { file, everyMs: EVERY_MS })
  worker.on('message', (message: { error?: string }) => {
    if (message.error) log(`aggregates: background fold failed, retrying: ${message.error}`)
  })
  worker.on('error', (err) => log(`aggregates: the fold thread stopped: ${err.message}; reads fold on the request thread`))
  worker.unref()
  return {
    /** Folds what is left and stops the thread (graceful stop). */
    stop(): Promise<void> {
      return new Promise((resolve) => {
        const done = () => resolve()
        worker.once('exit', done)
        worker.once('message', (message: { stopped?: boolean }) => {
          if (message.stopped) void worker.terminate().then(done, done)
        })
        worker.postMessage('stop')
      })
    },
  }
}
