import { parseStoredResponse, type Response, type Survey } from '@parsurvey/shared'
import type { AggregateWatermarkRepository } from '../db/aggregate-watermark.ts'
import type { AggregatesRepository } from '../db/aggregates.ts'
import type { DB } from '../db/connection.ts'
import type { ProgressTalliesRepository } from '../db/progress-counts.ts'
import type { SurveysRepository } from '../db/surveys.ts'
import type { Logger } from '../http/logger.ts'
import { aggregateDelta, type AggregateDelta } from './aggregate-delta.ts'

/**
 * A fold is due this long after the first response waiting for one, or as soon as this many
 * wait. A fold writes about as many rows for a few hundred responses as for thousands (their
 * rows merge), so folding rarely is what makes ingest cheap; reads fold first, so freshness does
 * not depend on it. What waits only bounds the memory of the merged rows (a fixed size per survey
 * version), the work of a recovery after a crash (~1 s for 50,000 responses) and of a read that
 * finds a fold due. 50,000 rather than 20,000: HTTP ingest +10% (100,000 responses, 3 A/B pairs).
 */
const FOLD_AFTER_MS = 5_000
const FOLD_AT_RESPONSES = 50_000

type Key = { surveyId: string; surveyVersion: number }

type Deps = {
  aggregates: AggregatesRepository
  progressCounts: ProgressTalliesRepository
  surveys: SurveysRepository
  watermark: AggregateWatermarkRepository
  /** Where a failed background fold is reported (the server's JSON log). */
  log: Logger
}

/** Responses staged in memory since the fold that left the watermark at `from`. */
type Staged = { from: number; through: number; count: number; batch: AggregateDelta }

export type FoldResult = { fromMemory: number; fromStorage: number }

/**
 * Keeps the aggregate tables equal to the stored responses without writing them in every sync
 * batch's transaction. Per-answer upserts into the aggregates were most of the cost of storing a
 * batch (~6,000 B-tree writes and as many dirty pages per 100 responses); folding thousands of
 * responses at once merges them into far fewer rows.
 *
 * - A sync batch commits its raw responses alone: that commit is the durable acknowledgement.
 *   Their contributions are staged here, merged per aggregate row.
 * - A fold writes the staged rows, adds any response stored after the watermark that is not
 *   staged (read back from its stored body), and moves the watermark, in one transaction.
 * - The database is the truth and the staged rows only a shortcut: they are used only if the
 *   watermark is still where they started and exactly `count` responses lie in their rowid range.
 *   A rolled-back batch, a crash, or another process's rebuild or write makes them be dropped and
 *   the responses read back from storage instead.
 * - Every read of the aggregates folds first (services.ts), and a fold is scheduled shortly after
 *   responses are staged, on graceful stop, and at start-up (which recovers after a crash).
 *
 * Review actions (void, restore, correct) keep adding their deltas directly: additions commute,
 * so a response voided before it is folded ends at zero either way, and a fold always adds a
 * response's original body, the base those deltas were computed against.
 */
export function aggregateFolding(db: DB, deps: Deps) {
  const { aggregates, progressCounts, surveys, watermark, log } = deps
  /** The watermark as this process last wrote or read it. */
  let folded = watermark.folded()
  let staged: Staged | null = null
  let timer: NodeJS.Timeout | undefined
  let stagingDepth = 0

  function write(batch: AggregateDelta, except?: Key): void {
    for (const { key, rows, progress } of batch.rows(except)) {
      aggregates.add(key, rows)
      progressCounts.addRows(key, progress)
    }
  }

  function surveyOf(surveyId: string, surveyVersion: number): Survey {
    const found = surveys.get(surveyId, surveyVersion)
    // The foreign key makes this unreachable; a published survey is never deleted.
    if (!found) throw new Error(`survey ${surveyId}@${surveyVersion} of a stored response is not published`)
    return found.survey
  }

  /** Adds the responses stored after `after`, from their stored bodies; returns how many. */
  function foldFromStorage(after: number, except?: Key): number {
    const batch = aggregateDelta()
    // All read before writing: a connection cannot write while a statement iterates.
    for (const row of watermark.after(after)) {
      if (except && row.surveyId === except.surveyId && row.surveyVersion === except.surveyVersion) continue
      const survey = surveyOf(row.surveyId, row.surveyVersion)
      const response = parseStoredResponse(survey, JSON.parse(row.body))
      batch.add(survey, response, row.receivedBy)
    }
    write(batch)
    return batch.responses
  }

  /** Must run inside a write transaction. */
  function foldInTransaction(except?: Key): FoldResult {
    const stored = watermark.folded()
    const last = watermark.lastRowid()
    const mine = staged
    staged = null
    let through = stored
    let fromMemory = 0
    if (
      mine &&
      mine.from === stored &&
      mine.through <= last &&
      watermark.countBetween(mine.from, mine.through) === mine.count
    ) {
      write(mine.batch, except)
      through = mine.through
      fromMemory = mine.count
    }
    const fromStorage = last > through ? foldFromStorage(through, except) : 0
    if (last !== stored) watermark.setFolded(last)
    folded = last
    return { fromMemory, fromStorage }
  }

  function cancelTimer(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
  }

  /**
   * Brings the aggregates up to date with every stored response; cheap when they are. With
   * `except`, that survey version's responses are left out but the watermark still moves past
   * them: for a rebuild, which replaces the version's aggregates with a count of all of them.
   */
  function flush(options: { except?: Key } = {}): FoldResult {
    const { except } = options
    cancelTimer()
    if (!staged && watermark.folded() === folded && watermark.lastRowid() === folded)
      return { fromMemory: 0, fromStorage: 0 }
    // IMMEDIATE: nothing can be stored between reading the watermark and moving it.
    return db.inTransaction ? foldInTransaction(except) : db.transaction(() => foldInTransaction(except)).immediate()
  }

  /** A fold in the background: a failure (e.g. the CLI holds the write lock) is retried later. */
  function flushLater(): void {
    // Closed without `close()` (a test, a CLI run): the next opening folds what waits.
    if (!db.open) return
    try {
      flush()
    } catch (err) {
      log.error({ err }, 'aggregates: fold failed, retrying')
      schedule()
    }
  }

  function schedule(): void {
    if (!staged || staged.count >= FOLD_AT_RESPONSES) {
      cancelTimer()
      if (staged) setImmediate(flushLater)
      return
    }
    timer ??= setTimeout(flushLater, FOLD_AFTER_MS)
  }

  return {
    flush,
    /**
     * Runs `store` (which opens and commits its own transaction) with staging on: the responses
     * it stores are folded later, in bulk. If `store` throws, what it staged is dropped (the
     * next fold reads back whatever did commit).
     */
    staging<T>(store: () => T): T {
      // Inside a caller's transaction the commit is not `store`'s: count at once instead.
      if (db.inTransaction) return store()
      stagingDepth++
      try {
        const result = store()
        schedule()
        return result
      } catch (err) {
        staged = null
        throw err
      } finally {
        stagingDepth--
      }
    },
    /**
     * Counts a response just stored with `rowid`, inside the storing transaction: staged under
     * `staging`, folded at once (with everything before it) otherwise.
     */
    stored(rowid: number, survey: Survey, response: Response, receivedBy: number | null): void {
      if (stagingDepth === 0) {
        flush()
        return
      }
      staged ??= { from: folded, through: 0, count: 0, batch: aggregateDelta() }
      staged.through = Math.max(staged.through, rowid)
      staged.count++
      staged.batch.add(survey, response, receivedBy)
    },
    /** How many stored responses wait for a fold in this process's memory. */
    get waiting(): number {
      return staged?.count ?? 0
    },
    /** Folds what is waiting, which also stops the timer (graceful stop; the database closes next). */
    close(): void {
      flush()
    },
    /** Stops the timer without folding (the next start folds what waits). */
    stop(): void {
      cancelTimer()
      staged = null
    },
  }
}
export type AggregateFolding = ReturnType<typeof aggregateFolding>
