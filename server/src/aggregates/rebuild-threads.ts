import type { Survey } from '@parsurvey/shared'
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads'
import type { DB } from '../db/connection.ts'
import type { RowidSpan } from '../db/effective-responses.ts'
import { RebuildCount } from './rebuild-count.ts'
import { countSlices, SIGNAL, sharedLength, sliceCount, slot, type SliceJob } from './rebuild-slices.ts'
import type { FromRebuildWorker, RebuildWorkerData } from './rebuild-worker.ts'
import { counterLayout } from './counter-layout.ts'
import { startWorker } from './worker-thread.ts'

/** A rebuild gives up when a worker that took a slice has shown no progress for this long. */
const STALLED_MS = 120_000

export type RebuildPlan = {
  surveyId: string
  version: number
  span: RowidSpan
  reviewed: boolean
  threads: number
  slice: number
  /** This thread only waits: every slice is counted on a worker (tests). */
  workersOnly?: boolean
}

/**
 * Counts a version's effective responses on this thread and `threads` workers, synchronously:
 * the caller is inside its write transaction and stays there. This thread counts slices too
 * while the workers start (a worker loads its modules for a good part of a second), then waits
 * with `Atomics.wait` for the workers that took slices and takes their counts off their ports;
 * a worker still starting when every slice is counted is not waited for. A worker reads through
 * its own read-only connection and sees exactly what this one sees as long as the caller holds
 * the write lock and has written no response itself (rebuild.ts sees to both).
 */
export function countOnThreads(db: DB, survey: Survey, plan: RebuildPlan): RebuildCount {
  const job: SliceJob = {
    ...plan,
    shared: new Int32Array(new SharedArrayBuffer(sharedLength(plan.threads) * Int32Array.BYTES_PER_ELEMENT)),
  }
  const workers: { worker: Worker; port: MessagePort }[] = []
  try {
    for (let index = 0; index < plan.threads; index++) {
      const { port1, port2 } = new MessageChannel()
      const data: RebuildWorkerData = { file: db.name, survey, job, index }
      const worker = startWorker(new URL('./rebuild-worker.ts', import.meta.url), data)
      worker.postMessage(port2, [port2])
      workers.push({ worker, port: port1 })
    }
    const count = new RebuildCount(counterLayout(survey))
    const mine = plan.workersOnly ? 0 : countSlices(db, job, count)
    waitForWorkers(job, mine)
    workers.forEach(({ port }, index) => {
      if (Atomics.load(job.shared, slot.posted(index)) === 0) return
      const received = receiveMessageOnPort(port)?.message as FromRebuildWorker | undefined
      if (!received) throw new Error('a rebuild thread finished without its counts')
      if ('error' in received) throw new Error(`a rebuild thread failed: ${received.error}`)
      count.add(received.data)
    })
    return count
  } finally {
    for (const { worker, port } of workers) {
      port.close()
      void worker.terminate()
    }
  }
}

/** Waits until every worker has posted its counts or, having counted nothing, has nothing left to take. */
function waitForWorkers(job: SliceJob, mine: number): void {
  const { shared } = job
  const threads = (shared.length - sharedLength(0)) / 2
  const total = sliceCount(job)
  let signal = Atomics.load(shared, SIGNAL)
  let since = Date.now()
  for (;;) {
    let counted = mine
    for (let i = 0; i < threads; i++) counted += Atomics.load(shared, slot.slices(i))
    const waiting = Array.from({ length: threads }, (_, i) => i).filter(
      (i) =>
        Atomics.load(shared, slot.posted(i)) === 0 && (Atomics.load(shared, slot.slices(i)) > 0 || counted < total),
    )
    if (waiting.length === 0) return
    Atomics.wait(shared, SIGNAL, signal, 1_000)
    const now = Atomics.load(shared, SIGNAL)
    if (now !== signal) {
      signal = now
      since = Date.now()
    } else if (Date.now() - since > STALLED_MS) {
      throw new Error(`the rebuild threads stopped answering (${waiting.length} of ${threads} still counting)`)
    }
  }
}
