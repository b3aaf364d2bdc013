/**
 * A worker thread of a rebuild (rebuild-threads.ts): counts slices of the version with a
 * read-only connection of its own, hands its counts over on the port it is sent, and reports
 * each counted slice and its posting in the shared array, which the rebuilding thread waits on.
 */
import type { Survey } from '@parsurvey/shared'
import Database from 'better-sqlite3'
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { RebuildCount } from './rebuild-count.ts'
import { countSlices, SIGNAL, slot, type SliceJob } from './rebuild-slices.ts'
import { counterLayout } from './counter-layout.ts'

export type RebuildWorkerData = { file: string; survey: Survey; job: SliceJob; index: number }
export type FromRebuildWorker = { data: ReturnType<RebuildCount['data']> } | { error: string }

const { file, survey, job, index } = (workerData as { data: RebuildWorkerData }).data
const { shared } = job

function signal(at: number): void {
  Atomics.add(shared, at, 1)
  Atomics.add(shared, SIGNAL, 1)
  Atomics.notify(shared, SIGNAL)
}

function count(): FromRebuildWorker {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    // One snapshot: the rebuilding thread holds the write lock, so it is the state it reads too.
    db.exec('BEGIN')
    const counted = new RebuildCount(counterLayout(survey))
    countSlices(db, job, counted, () => signal(slot.slices(index)))
    return { data: counted.data() }
  } finally {
    db.close()
  }
}

parentPort!.once('message', (port: MessagePort) => {
  let message: FromRebuildWorker
  try {
    message = count()
  } catch (err) {
    message = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }
  }
  const transfer =
    'data' in message
      ? message.data.counter.blocks.flatMap((block) => (block ? [block.buffer as ArrayBuffer] : []))
      : []
  port.postMessage(message, transfer)
  signal(slot.posted(index))
})
