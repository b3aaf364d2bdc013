import type { Response } from '@parsurvey/shared'
import type { ResponseCounter } from './response-counter.ts'

/**
 * Validated responses not yet counted, numbered 0, 1, 2… in the order they were added: the CLI
 * counts a slice only once the main thread has said which of them are duplicates. Each is kept
 * as the tally slots it will increment (a few integers), or as the response itself when the fast
 * path did not place it.
 */
export class PendingResponses {
  private records = new Int32Array(1 << 14)
  private length = 0
  private responses: Response[] = []
  count = 0

  /** A response as block index, response counter slot and the option slots in `slots[0..n)`. */
  pushSlots(block: number, tallySlot: number, slots: Int32Array, n: number): void {
    this.reserve(n + 3)
    const r = this.records
    r[this.length++] = block
    r[this.length++] = tallySlot
    r[this.length++] = n
    for (let i = 0; i < n; i++) r[this.length++] = slots[i]!
    this.count++
  }

  pushResponse(response: Response): void {
    this.reserve(1)
    this.records[this.length++] = -1 - this.responses.length
    this.responses.push(response)
    this.count++
  }

  /** Counts every pending response but those numbered in `skip` (ascending), then empties. */
  commit(counter: ResponseCounter, skip: ArrayLike<number> = []): void {
    const r = this.records
    let next = 0
    let at = 0
    for (let ordinal = 0; ordinal < this.count; ordinal++) {
      const skipped = next < skip.length && skip[next] === ordinal
      if (skipped) next++
      const head = r[at]!
      if (head < 0) {
        at += 1
        if (!skipped) counter.addResponse(this.responses[-1 - head]!)
        continue
      }
      const n = r[at + 2]!
      if (!skipped) {
        const block = counter.block(head)
        block[r[at + 1]!]! += 1
        for (let i = at + 3; i < at + 3 + n; i++) block[r[i]!]! += 1
      }
      at += 3 + n
    }
    this.length = 0
    this.count = 0
    this.responses = []
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.records.length) return
    const grown = new Int32Array(Math.max(this.records.length * 2, this.length + extra))
    grown.set(this.records.subarray(0, this.length))
    this.records = grown
  }
}
