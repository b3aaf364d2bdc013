import { sharedScoresCache, type SharedScoresCache } from './analysis/scores-cache.ts'
import type { AdjustmentsRepository } from './db/adjustments.ts'
import type { SelfAssessmentsRepository } from './db/self-assessments.ts'
import type { SqliteScoreRepositories } from './services.ts'
import { adjustmentStore } from './storage/adjustment-store.ts'
import { aggregateReadStore, type AggregateReads } from './storage/aggregate-read-store.ts'
import { aggregateStore } from './storage/aggregate-store.ts'
import { asyncPort, type Async } from './storage/backend.ts'
import type { Storage } from './storage/open-storage.ts'
import { progressCountStore, type ProgressReads } from './storage/progress-count-store.ts'
import { scoreInputsStamp } from './storage/score-inputs.ts'
import { selfAssessmentStore } from './storage/self-assessment-store.ts'

/** The aggregate reads of scores and progress, each folding first; `fold` alone brings them up to date. */
export type AggregatesPort = AggregateReads & { fold(): Promise<void> }

/**
 * The services of scores and progress and of their other inputs, on either engine
 * (docs/storage.md): what `/api/scores`, `/api/progress`, `/api/results`, the exports of scores
 * and progress, and the self-assessment and adjustment imports use.
 */
export type ScoreServices = {
  /** The aggregate tables; every read folds the responses stored since the last fold first. */
  aggregates: AggregatesPort
  /** Responses per unit × sending account × day, for the progress views (migration 005); folds first too. */
  progressCounts: ProgressReads
  /** Official scores per data set, recomputed only after a score input changed, through any server. */
  scoresCache: SharedScoresCache
  /** Imported self-assessment points per unit (and domain), a set per import. */
  selfAssessments: Async<SelfAssessmentsRepository>
  /** Bonus and penalty points per survey version (migration 070), a set per import. */
  adjustments: Async<AdjustmentsRepository>
}

type Parts = Omit<ScoreServices, 'aggregates' | 'progressCounts' | 'scoresCache'> & {
  fold(): Promise<void>
  aggregates: AggregateReads
  progress: ProgressReads
  stamp(): Promise<string>
}

/** Every read folds first, so that it sees every response stored (through any server) before it. */
function scoreServicesOf({ fold, aggregates, progress, stamp, ...inputs }: Parts): ScoreServices {
  const folded =
    <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await fold()
      return read(...args)
    }
  return {
    aggregates: {
      fold,
      read: folded(aggregates.read),
      readTallies: folded(aggregates.readTallies),
      responses: folded(aggregates.responses),
    },
    progressCounts: { bySurveyor: folded(progress.bySurveyor), byDay: folded(progress.byDay) },
    scoresCache: sharedScoresCache({ stamp }),
    ...inputs,
  }
}

/**
 * On SQLite: the running server's synchronous repositories behind the ports, folding with
 * aggregates/folding.ts (its staged rows, else the stored bodies) and stamping the cache with
 * db/write-generation.ts, as before the ports.
 */
export function sqliteScoreServices(repositories: SqliteScoreRepositories): ScoreServices {
  const { folding, aggregates, progressCounts, scoreInputs, selfAssessments, adjustments } = repositories
  return scoreServicesOf({
    fold: async () => {
      folding.flush()
    },
    aggregates: asyncPort(aggregates),
    progress: asyncPort(progressCounts),
    stamp: async () => scoreInputs.stamp(),
    selfAssessments: asyncPort(selfAssessments),
    adjustments: asyncPort(adjustments),
  })
}

/**
 * On PostgreSQL: the Kysely stores. A read folds through the aggregate store (the fold lock makes
 * one server fold at a time; the others find the work done), and the cache's stamp is the
 * database's score-input generation, so a fold or an import through another server makes this
 * one recompute.
 */
export function scoreServicesOn(storage: Storage): ScoreServices {
  const store = aggregateStore(storage)
  const inputs = scoreInputsStamp(storage)
  return scoreServicesOf({
    fold: oneAtATime(() => store.fold()),
    aggregates: aggregateReadStore(storage),
    progress: progressCountStore(storage),
    stamp: () => inputs.stamp(),
    selfAssessments: selfAssessmentStore(storage),
    adjustments: adjustmentStore(storage),
  })
}

/**
 * Folds of one server, one at a time: a read that comes while a fold runs waits for the next
 * one, which starts when it ends (so it sees every response committed before the read came),
 * and every read that comes meanwhile shares that next fold. Without it each of many reads at
 * once would hold a pooled connection in a transaction waiting for the fold lock.
 */
export function oneAtATime(fold: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<void> | undefined
  let next: Promise<void> | undefined
  const start = (): Promise<void> => {
    const folding: Promise<void> = fold()
      .then(() => undefined)
      .finally(() => {
        if (running === folding) running = undefined
      })
    running = folding
    return folding
  }
  return () => {
    if (!running) return start()
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined
        return start()
      })
    return next
  }
}
