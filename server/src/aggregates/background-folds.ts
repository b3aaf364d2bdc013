import type { Logger } from '../http/logger.ts'

/** Folds started after commits, in the background; `close` waits for them (at stop). */
export type BackgroundFolds = {
  /** Starts a fold of what was just committed, without waiting for it. */
  schedule(): void
  /** Schedules nothing more and resolves once the folds started are done (failed ones included). */
  close(): Promise<void>
}

/**
 * Background folds of a PostgreSQL server (docs/storage.md): after each commit of stored
 * responses, `fold` runs without a request waiting for it, so the aggregates catch up on a quiet
 * database and the next read finds little or nothing to fold. `fold` is the server's one-at-a-time
 * fold (`oneAtATime`, scores-services.ts), shared with the reads: one fold in flight, one more
 * queued however many commits come meanwhile. A failed fold is logged and nothing else: it
 * never moved the watermark, so the next fold (the next commit's, or a read's) adds its responses.
 */
export function backgroundFolds(fold: () => Promise<void>, log: Logger): BackgroundFolds {
  const running = new Set<Promise<void>>()
  let closed = false
  return {
    schedule() {
      if (closed) return
      const folding: Promise<void> = fold()
        .catch((err: unknown) =>
          log.error({ err }, 'aggregates: background fold failed, the next fold adds its responses'),
        )
        .finally(() => running.delete(folding))
      running.add(folding)
    },
    async close() {
      closed = true
      await Promise.all(running)
    },
  }
}

/** Nothing to fold in the background (SQLite folds with aggregates/folding.ts). */
export const NO_BACKGROUND_FOLDS: BackgroundFolds = { schedule() {}, close: async () => {} }
