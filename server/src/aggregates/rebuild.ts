import type { Survey } from '@parsurvey/shared'
import os from 'node:os'
import { effectiveBodiesIndexed, hasReview, isSparse, responseRowidSpan } from '../db/effective-responses.ts'
import type { Services } from '../services.ts'
import { RebuildCount } from './rebuild-count.ts'
import { countSlices, sharedLength } from './rebuild-slices.ts'
import { countOnThreads } from './rebuild-threads.ts'
import { counterLayout } from './counter-layout.ts'

export type RebuildResult = { surveyId: string; surveyVersion: number; responses: number }

/**
 * How a rebuild spreads its counting: `workers` threads beside this one, over slices of `slice`
 * rowids (`workersOnly`: none on this thread, for tests). By default a version of at least
 * `PARALLEL_FROM` responses is counted on one worker per spare core as well (at most
 * `MAX_WORKERS`): a worker takes most of a second to start (loading its modules), about what
 * this thread needs to count 100,000 responses. Inside a caller's transaction (whose writes
 * other connections cannot see yet), or for a version scattered among others' rows (read
 * through the index, in one pass), it counts on this thread alone.
 */
export type RebuildOptions = { workers?: number; slice?: number; workersOnly?: boolean }
const PARALLEL_FROM = 250_000
const MAX_WORKERS = 3
const SLICE = 5_000

/**
 * Recomputes the aggregate tables of one survey version from the stored responses, in one
 * transaction (readers see the old or the new aggregates, never a mix). Counts, option counts,
 * tallies and progress rows come out exactly those of the incremental path; the float
 * `sum`/`sum_sq` agree to about 1e-9 relative, not bit for bit: ingest adds each fold's merged
 * delta (see aggregates/aggregate-delta.ts), a rebuild writes Σ count × score from its integer tally
 * (response-counter.ts). Scores are computed from the integer option counts, so they are identical.
 */
export function rebuildAggregates(
  services: Services,
  survey: Survey,
  by: number | null = null,
  options: RebuildOptions = {},
): RebuildResult {
  const key = { surveyId: survey.id, surveyVersion: survey.version }
  const { db } = services
  // Inside a caller's transaction, responses it wrote are not committed: workers would miss them.
  const threaded = !db.inTransaction && !db.memory
  // IMMEDIATE: take the write lock before reading, so a response stored meanwhile by the server
  // (another process) waits for the rebuild instead of being missed by it.
  return db
    .transaction((): RebuildResult => {
      // Responses stored but not yet folded (folding.ts): fold the other versions' and move the
      // watermark past this version's, which this rebuild counts, so no later fold adds them again.
      services.folding.flush({ except: key })
      const count = countEffective(services, survey, threaded ? options : { workers: 0 })
      services.sqlite.aggregates.replace(key, count.toRows())
      services.sqlite.progressCounts.replace(key, count.progressRows())
      const { responses } = count
      services.sqlite.audit.record({
        userId: by,
        action: 'aggregates-rebuild',
        target: `${survey.id}@${survey.version}`,
        after: { responses },
      })
      return { ...key, responses }
    })
    .immediate()
}

/** Counts the version's effective responses: voided ones left out, corrections in place of the original. */
function countEffective(services: Services, survey: Survey, options: RebuildOptions): RebuildCount {
  const { db } = services
  const span = responseRowidSpan(db, survey.id, survey.version)
  const count = new RebuildCount(counterLayout(survey))
  if (!span) return count
  if (isSparse(span)) {
    // Other versions' rows make up most of the span: one search of the index reads less.
    for (const [body, unitId, receivedBy] of effectiveBodiesIndexed(db, survey.id, survey.version))
      count.addBody(body, unitId, receivedBy)
    return count
  }
  const plan = {
    surveyId: survey.id,
    version: survey.version,
    span,
    reviewed: hasReview(db, survey.id, survey.version),
    slice: options.slice ?? SLICE,
  }
  const threads =
    options.workers ?? (span.count >= PARALLEL_FROM ? Math.min(MAX_WORKERS, os.availableParallelism() - 1) : 0)
  if (threads > 0) return countOnThreads(db, survey, { ...plan, threads, workersOnly: options.workersOnly ?? false })
  countSlices(db, { ...plan, shared: new Int32Array(sharedLength(0)) }, count)
  return count
}

/** Rebuilds every published survey version, each in its own transaction. */
export function rebuildAllAggregates(services: Services, by: number | null = null): RebuildResult[] {
  return services.sqlite.surveys
    .list()
    .map(({ id, version }) => rebuildAggregates(services, services.sqlite.surveys.get(id, version)!.survey, by))
}
