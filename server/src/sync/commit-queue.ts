import type { SyncResult } from '@parsurvey/shared'
import type { CheckedBatch } from './ingest.ts'

/** Declared, not inferred: `Services` holds a queue, and the queue is built from the services. */
export type CommitQueue = {
  /** Stores a checked batch with whatever else is waiting; resolves once it is durable. */
  store(batch: CheckedBatch): Promise<SyncResult[]>
}

type Job = { batch: CheckedBatch; resolve: (results: SyncResult[]) => void; reject: (err: unknown) => void }

/**
 * Stores batches in one transaction, one list of receipts per batch: on SQLite sync/ingest.ts's
 * `storeBatches`, synchronous (the transaction has committed when it returns); on PostgreSQL the
 * response store's (storage/response-store.ts).
 */
export type StoreBatches = (batches: CheckedBatch[]) => SyncResult[][] | Promise<SyncResult[][]>

/**
 * Group commit for sync batches. Each commit of a write transaction costs a WAL write and an
 * fsync whatever its size, and that was the largest single cost of storing a batch; when several
 * devices sync at once, the batches that arrived while the previous commit ran are stored in one
 * transaction. Each request still gets its receipts only after the transaction holding its
 * responses has committed, so an acknowledgement stays durable. A lone request waits for no one:
 * the queue is drained on the next turn of the event loop.
 *
 * If the shared transaction fails (disk full, I/O error), each batch is tried again in a
 * transaction of its own, so that one request's failure is never another's.
 */
export function commitQueue(storeBatches: StoreBatches): CommitQueue {
  let jobs: Job[] = []

  // On SQLite `storeBatches` returns once committed and the whole drain runs in one turn; on
  // PostgreSQL batches arriving while a group's transaction runs form the next group, whose
  // transaction runs beside it (the response store decides exactly-once, not this queue).
  async function drain(): Promise<void> {
    const group = jobs
    jobs = []
    try {
      const results = await storeBatches(group.map((job) => job.batch))
      group.forEach((job, i) => job.resolve(results[i]!))
      return
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err)
        return
      }
    }
    for (const job of group) {
      try {
        job.resolve((await storeBatches([job.batch]))[0]!)
      } catch (err) {
        job.reject(err)
      }
    }
  }

  return {
    store(batch: CheckedBatch): Promise<SyncResult[]> {
      return new Promise((resolve, reject) => {
        jobs.push({ batch, resolve, reject })
        if (jobs.length === 1) setImmediate(() => void drain())
      })
    },
  }
}
