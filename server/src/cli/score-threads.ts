import type { Survey } from '@parsurvey/shared'
import type { Worker } from 'node:worker_threads'
import { ResponseCounter, type CounterData } from '../aggregates/response-counter.ts'
import { counterLayout } from '../aggregates/counter-layout.ts'
import { startWorker } from '../aggregates/worker-thread.ts'
import { scoreChunk, type ChunkResult } from './score-chunk.ts'
import { PendingSlices } from './score-pending.ts'

export type ToWorker =
  | { type: 'chunk'; seq: number; bytes: Uint8Array; keys: Uint32Array; isFirst: boolean; isLast: boolean }
  | { type: 'verdict'; seq: number; skip: number[] }
  | { type: 'finish' }
type FromWorker =
  { type: 'chunk'; seq: number; result: ChunkResult; bytes: Uint8Array } | { type: 'counter'; data: CounterData }

/**
 * Where the slices of a JSON Lines file are read and counted: on this thread, or spread over
 * worker threads. Slice `seq` is read by `read`; `verdict` then counts its valid responses but
 * those numbered in `skip` (duplicates); `finish` gives the tally of everything counted.
 */
export type SliceReader = {
  /**
   * Reads slice `seq` into `keys` (see ChunkResult); the result comes with `bytes` given back and
   * its `keys` (both moved to a worker and back, to be used again: no buffer per slice).
   */
  read(
    seq: number,
    bytes: Uint8Array,
    keys: Uint32Array,
    isFirst: boolean,
    isLast: boolean,
  ): Promise<{ result: ChunkResult; bytes: Uint8Array }>
  verdict(seq: number, skip: number[]): void
  finish(): Promise<ResponseCounter>
  /** How many slices may be in flight at once. */
  readonly depth: number
  close(): Promise<void>
}

export function inThreadReader(survey: Survey): SliceReader {
  const layout = counterLayout(survey)
  const counter = new ResponseCounter(layout)
  const pending = new PendingSlices()
  return {
    depth: 1,
    read(seq, bytes, keys, isFirst, isLast) {
      const slice = pending.open(seq)
      const result = scoreChunk(
        layout,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        isFirst,
        isLast,
        slice,
        keys,
      )
      return Promise.resolve({ result, bytes })
    },
    verdict(seq, skip) {
      pending.commit(seq, counter, skip)
    },
    finish: () => Promise.resolve(counter),
    close: () => Promise.resolve(),
  }
}

/** Slice `seq` goes to worker `seq % threads`; each worker keeps its own tally until `finish`. */
export function workerReader(survey: Survey, threads: number): SliceReader {
  const workers: Worker[] = []
  const waiting = new Map<
    number,
    { resolve: (r: { result: ChunkResult; bytes: Uint8Array }) => void; reject: (e: unknown) => void }
  >()
  const counters: ((data: CounterData) => void)[] = []
  let failure: unknown
  const fail = (error: unknown): void => {
    failure ??= error
    for (const { reject } of waiting.values()) reject(error)
    waiting.clear()
  }
  for (let i = 0; i < threads; i++) {
    const worker = startWorker(new URL('./score-worker.ts', import.meta.url), { survey })
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'chunk') {
        waiting.get(message.seq)?.resolve({ result: message.result, bytes: message.bytes })
        waiting.delete(message.seq)
      } else {
        counters[i]?.(message.data)
      }
    })
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a scoring thread stopped with code ${code}`))
    })
    workers.push(worker)
  }
  const post = (seq: number, message: ToWorker, transfer: ArrayBuffer[] = []) =>
    workers[seq % threads]!.postMessage(message, transfer)
  return {
    depth: threads * 2,
    read(seq, bytes, keys, isFirst, isLast) {
      if (failure) return Promise.reject(failure)
      return new Promise((resolve, reject) => {
        waiting.set(seq, { resolve, reject })
        post(seq, { type: 'chunk', seq, bytes, keys, isFirst, isLast }, [
          bytes.buffer as ArrayBuffer,
          keys.buffer as ArrayBuffer,
        ])
      })
    },
    verdict(seq, skip) {
      post(seq, { type: 'verdict', seq, skip })
    },
    async finish() {
      const counter = new ResponseCounter(counterLayout(survey))
      const parts = await Promise.all(
        workers.map(
          (worker, i) =>
            new Promise<CounterData>((resolve, reject) => {
              if (failure) return reject(failure)
              counters[i] = resolve
              worker.once('error', reject)
              worker.postMessage({ type: 'finish' } satisfies ToWorker)
            }),
        ),
      )
      for (const part of parts) counter.add(part)
      return counter
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()))
    },
  }
}
