import { PendingResponses } from '../aggregates/pending-responses.ts'
import type { ResponseCounter } from '../aggregates/response-counter.ts'

/**
 * The slices read but not yet counted (waiting for the main thread's word on duplicates), each
 * with its `PendingResponses`. Those are reused from slice to slice: a fresh one per slice lives
 * just long enough to be promoted to the old generation, and its buffer (off the V8 heap) then
 * waits for a full collection, which a worker seldom runs — memory grew with the length of the
 * file, ~30 MB a worker over a million responses.
 */
export class PendingSlices {
  private readonly waiting = new Map<number, PendingResponses>()
  private readonly free: PendingResponses[] = []

  /** An empty `PendingResponses` for slice `seq`. */
  open(seq: number): PendingResponses {
    const slice = this.free.pop() ?? new PendingResponses()
    this.waiting.set(seq, slice)
    return slice
  }

  /** Counts slice `seq` into `tally` but the responses numbered in `skip`. */
  commit(seq: number, counter: ResponseCounter, skip: ArrayLike<number>): void {
    const slice = this.waiting.get(seq)
    if (!slice) return
    this.waiting.delete(seq)
    slice.commit(counter, skip)
    this.free.push(slice)
  }
}
