import { parseStoredResponse, type ScoringRows } from '@parsurvey/shared'
import type { ProgressRow } from './aggregate-delta.ts'
import { fastResponse } from './fast-response.ts'
import { PendingResponses } from './pending-responses.ts'
import { ProgressCounts } from './progress-counts.ts'
import { ResponseCounter, type CounterData } from './response-counter.ts'
import type { CounterLayout } from './counter-layout.ts'

/** What a rebuild counted over some of a version's effective responses, as it crosses threads. */
export type RebuildCountData = { responses: number; counter: CounterData; progress: ProgressRow[] }

/**
 * The counts of a rebuild over effective responses given one by one (or over slices counted
 * elsewhere, `add`): the integer tally of their answers (response-counter.ts) and their progress rows per
 * unit × sending account × day (progress-counts.ts), so that each distinct progress row is
 * written once. Both are sums, so slices counted apart add up exactly.
 */
export class RebuildCount {
  readonly counter: ResponseCounter
  private readonly pending = new PendingResponses()
  private readonly progress = new ProgressCounts()
  responses = 0

  constructor(readonly layout: CounterLayout) {
    this.counter = new ResponseCounter(layout)
  }

  /** Counts one effective body; `unitId` and `receivedBy` are its row's columns. */
  addBody(body: string, unitId: string, receivedBy: number | null): void {
    const data: unknown = JSON.parse(body)
    let submittedAt: string
    // The fast path accepts only a valid response, whose submittedAt is a string; the rest is read
    // as zod would (and a stored body that is not valid fails the rebuild, as it always did).
    if (fastResponse(this.layout, data, this.pending) !== undefined)
      submittedAt = (data as { submittedAt: string }).submittedAt
    else {
      const response = parseStoredResponse(this.layout.survey, data)
      this.pending.pushResponse(response)
      submittedAt = response.submittedAt
    }
    if (this.pending.count === 4096) this.pending.commit(this.counter)
    this.responses++
    this.progress.add(unitId, receivedBy, submittedAt)
  }

  /** Adds the counts of another slice of the same version. */
  add(other: RebuildCountData): void {
    this.pending.commit(this.counter)
    this.counter.add(other.counter)
    this.responses += other.responses
    this.progress.addRows(other.progress)
  }

  /** Everything counted so far (the tally's blocks are handed over, not copied). */
  data(): RebuildCountData {
    this.pending.commit(this.counter)
    return { responses: this.responses, counter: this.counter.data(), progress: this.progress.rows() }
  }

  /** The aggregate table rows of everything counted (response-counter.ts). */
  toRows(): ScoringRows {
    this.pending.commit(this.counter)
    return this.counter.toRows()
  }

  /** The merged progress rows, for `progressCounts.replace`. */
  progressRows(): ProgressRow[] {
    return this.progress.rows()
  }
}
