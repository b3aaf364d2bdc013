import type { DB } from '../db/connection.ts'
import { effectiveBodies, type RowidSpan } from '../db/effective-responses.ts'
import type { RebuildCount } from './rebuild-count.ts'

/** Where the threads of one rebuild share their work: see `countSlices`. */
export type SliceJob = {
  surveyId: string
  version: number
  span: RowidSpan
  /** Rowids per slice. */
  slice: number
  reviewed: boolean
  /** Shared by the threads: see `slot`. */
  shared: Int32Array
}

/**
 * The shared array of a job: the next slice to take, a signal the rebuilding thread waits on
 * (bumped at every slice a worker finishes and when it has posted its counts), then for each
 * worker how many slices it has counted and whether it has posted its counts.
 */
export const NEXT = 0
export const SIGNAL = 1
export const slot = { slices: (worker: number) => 2 + 2 * worker, posted: (worker: number) => 3 + 2 * worker }
export const sharedLength = (workers: number) => 2 + 2 * workers

/** How many slices the job's span is cut into. */
export const sliceCount = (job: SliceJob) => Math.ceil((job.span.last - job.span.first + 1) / job.slice)

/**
 * Counts slices of the version's rowid span into `count` until none is left. Every thread of a
 * rebuild (the one holding the write lock and its workers) runs this on the same job: each slice
 * is taken exactly once, whichever thread is free first takes it, and sums do not depend on who
 * counted what. Returns how many slices this thread counted.
 */
export function countSlices(db: DB, job: SliceJob, count: RebuildCount, onSlice: () => void = () => {}): number {
  const { span, slice } = job
  for (let counted = 0; ; counted++) {
    const first = span.first + Atomics.add(job.shared, NEXT, 1) * slice
    if (first > span.last) return counted
    const last = Math.min(first + slice - 1, span.last)
    for (const [body, unitId, receivedBy] of effectiveBodies(
      db,
      job.surveyId,
      job.version,
      { first, last },
      job.reviewed,
    )) {
      count.addBody(body, unitId, receivedBy)
    }
    onSlice()
  }
}
