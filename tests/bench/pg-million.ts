/**
 * The million half of `pnpm bench` (tests/bench/postgres.ts): 1,000,000 stored responses
 * (100,000 in a quick run) loaded by one `COPY`, then what a deployment does with them — the
 * fold of all of them (watermark at 0), sync on top of them (the response store beside the
 * INSERT ceiling, 2 % more each) and the fold of what it added, the rebuild of a version never reviewed and of one with
 * a void, a restore and a correction, and the reads of `/api/scores` (first, computed; then
 * cached) and of progress as the routes make them (scores-services.ts).
 */
import type { Response, Survey } from '@parsurvey/shared'
import { combinedTallies } from '../../server/src/analysis/data-set.ts'
import { scoresReply } from '../../server/src/analysis/official-scores.ts'
import { scoreServicesOn } from '../../server/src/scores-services.ts'
import { aggregateStore } from '../../server/src/storage/aggregate-store.ts'
import { effectivePage } from '../../server/src/storage/effective-responses.ts'
import type { Storage } from '../../server/src/storage/open-storage.ts'
import { reviewActionStore } from '../../server/src/storage/review-action-store.ts'
import { surveyStore } from '../../server/src/storage/survey-store.ts'
import { prepareResponse } from '../../server/src/sync/ingest.ts'
import { responses } from './data.ts'
import { measure, percentile, timed } from './harness.ts'
import { closeAll, copyRows, freshDatabase, ingest, plainInserts, psql, sender, storedRows, type Figures } from './pg-load.ts'

/** Reads of scores and of progress measured after each fold or rebuild. */
const READS = 50
const AGGREGATE_TABLES = ['agg_cells', 'agg_options', 'agg_tallies', 'agg_progress']

export const millionFigures: Figures = async ({ adminUrl, survey, count, runs, log }) => {
  const key = { surveyId: survey.id, surveyVersion: survey.version }
  const n = count.toLocaleString('en-US')
  const onTop = count / 50
  const m = onTop.toLocaleString('en-US')
  const rate = (rows: number, ms: number) => rows / (ms / 1000)
  const { url, storages } = await freshDatabase(adminUrl, survey)
  const storage = storages[0]!
  try {
    const load = await timed(() => copyRows(url, storedRows(responses(survey, count, 'pg-million'))))
    if (load.value !== count) throw new Error(`COPY sent ${load.value} responses, expected ${count}`)
    // What autovacuum and the checkpointer would have done by the time a database holds this
    // much: statistics for the planner, and the load's dirty pages written, so the first fold
    // does not pay for them.
    const vacuum = await timed(() => psql(url, 'VACUUM (ANALYZE) responses', 'CHECKPOINT'))
    const size = await storage.db
      .selectNoFrom((eb) => eb.fn<string>('pg_database_size', [eb.fn('current_database')]).as('bytes'))
      .executeTakeFirstOrThrow()
    const mb = Number(size.bytes) / 2 ** 20
    log(`loaded ${n} responses by COPY in ${(load.ms / 1000).toFixed(1)} s, VACUUM ANALYZE ${(vacuum.ms / 1000).toFixed(1)} s; database ${Math.round(mb)} MB`)

    const aggregates = aggregateStore(storage)
    let total = count
    const reads = { ...scoreServicesOn(storage), surveys: surveyStore(storage) }
    const firstScores: number[] = []
    const cached: number[] = []
    const progress: number[] = []
    /** The first /api/scores after the aggregates changed (computed), then READS cached ones and progress. */
    const readScores = async (): Promise<void> => {
      const first = await timed(() => scoresReply(reads, survey, 'vi'))
      firstScores.push(first.ms)
      const counted = first.value.dataSet.responses
      const want = total - (await voidedNow(storage))
      if (counted !== want) throw new Error(`scores counted ${counted} responses, expected ${want}`)
      for (let i = 0; i < READS; i++) {
        cached.push((await timed(() => scoresReply(reads, survey, 'vi'))).ms)
        progress.push((await timed(() => combinedTallies(reads, [key]))).ms)
      }
    }

    const folds: number[] = []
    for (let run = 0; run < runs; run++) {
      if (run > 0) await psql(url, `${AGGREGATE_TABLES.map((t) => `DELETE FROM ${t};`).join(' ')} UPDATE aggregate_watermark SET folded_through = 0;`)
      const fold = await timed(() => aggregates.fold())
      if (fold.value.responses !== count) throw new Error(`the fold saw ${fold.value.responses} responses`)
      folds.push(fold.ms / 1000)
      log(`fold of ${n} (watermark at 0): ${(fold.ms / 1000).toFixed(1)} s`)
      await readScores()
    }

    // The rebuild's read of a version never reviewed, without the void and correction look-ups
    // (as it reads now) and with them (as it read before, and still reads a reviewed version),
    // alternating: the same rows, so the difference is the look-ups alone.
    const readTimes: Record<'plain' | 'lookUps', number[]> = { plain: [], lookUps: [] }
    for (let run = 0; run < runs; run++)
      for (const reviewed of run % 2 ? [true, false] : [false, true]) {
        const read = await timed(() => readVersion(storage, key, reviewed))
        if (read.value !== count) throw new Error(`the effective read saw ${read.value} responses, expected ${count}`)
        readTimes[reviewed ? 'lookUps' : 'plain'].push(read.ms / 1000)
      }
    log(`effective read of ${n}: plain ${readTimes.plain.map((x) => x.toFixed(1)).join(', ')} s; with look-ups ${readTimes.lookUps.map((x) => x.toFixed(1)).join(', ')} s`)

    // Sync on top of a million: the response store and the INSERT ceiling, as many rows each
    // (different ones), then the fold of what they added, as the next read makes it.
    const more = [...responses(survey, 2 * onTop, 'pg-million-more')].map((r) => prepareResponse(survey, r))
    const stored = await timed(() => ingest(storage, more.slice(0, onTop)))
    const inserted = await timed(() => plainInserts(storage, more.slice(onTop)))
    total += more.length
    const lag = await timed(() => aggregates.fold())
    if (lag.value.responses !== more.length) throw new Error(`the fold after sync saw ${lag.value.responses} responses`)
    log(
      `on top of ${n}: response store ${Math.round(stored.ms)} ms, INSERT ceiling ${Math.round(inserted.ms)} ms for ${onTop.toLocaleString('en-US')} each; their fold ${Math.round(lag.ms)} ms`,
    )
    await readScores()

    const rebuild = async (label: string, want: number): Promise<number> => {
      const done = await timed(() => aggregates.rebuild(survey))
      if (done.value.responses !== want) throw new Error(`the rebuild saw ${done.value.responses} responses, expected ${want}`)
      log(`rebuild of ${n}, ${label}: ${(done.ms / 1000).toFixed(1)} s`)
      await readScores()
      return done.ms / 1000
    }
    const plain: number[] = []
    for (let run = 0; run < runs; run++) plain.push(await rebuild('never reviewed', total))
    await review(storage, survey, count)
    const reviewed: number[] = []
    for (let run = 0; run < runs; run++) reviewed.push(await rebuild('reviewed (a void, a restore, a correction)', total - 1))

    return [
      measure(`load of ${n} by one COPY (psql)`, 'responses/s', [rate(count, load.ms)]),
      measure(`database size at ${n} (responses and indexes, no aggregates yet)`, 'MB', [mb]),
      measure(`fold of ${n} (watermark at 0)`, 's', folds),
      measure('fold rate / COPY rate', '×', folds.map((s) => load.ms / 1000 / s)),
      measure(`ingest of ${m} on top of ${n}, response store`, 'responses/s', [rate(onTop, stored.ms)]),
      measure(`ceiling on top of ${n}: plain INSERT of 500 rows a transaction`, 'responses/s', [rate(onTop, inserted.ms)]),
      measure(`response store / INSERT ceiling, on top of ${n}`, '×', [inserted.ms / stored.ms]),
      measure(`fold of the ${(2 * onTop).toLocaleString('en-US')} stored on top of ${n}`, 's', [lag.ms / 1000]),
      measure(`rebuild of ${n}, version never reviewed`, 's', plain),
      measure(`rebuild of ${n}, version reviewed`, 's', reviewed),
      measure('rebuild never reviewed / reviewed', '×', plain.map((s, i) => s / reviewed[i]!)),
      measure(`effective read of ${n}, plain (never reviewed)`, 's', readTimes.plain),
      measure(`effective read of ${n}, with the void and correction look-ups`, 's', readTimes.lookUps),
      measure('effective read plain / with look-ups', '×', readTimes.plain.map((s, i) => s / readTimes.lookUps[i]!)),
      measure(`/api/scores at ${n}, first (computed)`, 'ms', firstScores),
      measure(`/api/scores at ${n}, cached, p50 of ${cached.length}`, 'ms', [percentile(cached, 50)]),
      measure(`/api/scores at ${n}, cached, p95 of ${cached.length}`, 'ms', [percentile(cached, 95)]),
      measure(`progress tallies at ${n}, p50 of ${progress.length}`, 'ms', [percentile(progress, 50)]),
      measure(`progress tallies at ${n}, p95 of ${progress.length}`, 'ms', [percentile(progress, 95)]),
    ]
  } finally {
    await closeAll(storages)
  }
}

/** Reads a version's effective responses a page at a time, as the rebuild does, without counting them. */
async function readVersion(storage: Storage, key: { surveyId: string; surveyVersion: number }, reviewed: boolean): Promise<number> {
  let rows = 0
  for (let after = 0; ; ) {
    const page = await effectivePage(storage.db, storage.engine, key, after, 2_000, reviewed)
    if (page.length === 0) return rows
    rows += page.length
    after = page[page.length - 1]!.cursor
  }
}

/** How many responses are voided now (the scores count the others). */
async function voidedNow(storage: Storage): Promise<number> {
  const rows = await storage.db.selectFrom('response_voids').select(['response_id', 'action']).orderBy('seq').execute()
  const latest = new Map(rows.map((r) => [r.response_id, r.action]))
  return [...latest.values()].filter((action) => action === 'void').length
}

/**
 * Reviews the version as a supervisor would, through the review actions: voids one response,
 * voids and restores another, and settles a conflicting resend of a third as a correction (its
 * answers those of a fourth). They are picked in id order: first, middle, last, second.
 */
async function review(storage: Storage, survey: Survey, count: number): Promise<void> {
  const some = storage.db.selectFrom('responses').select(['id', 'body'])
  const [first, second] = await some.orderBy('id').limit(2).execute()
  const middle = await some.orderBy('id').offset(Math.floor(count / 2)).limit(1).executeTakeFirstOrThrow()
  const last = await some.orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
  if (!first || !second) throw new Error('no responses to review')
  const actions = reviewActionStore(storage)
  await actions.setVoided(sender, first.id, true, 'bench')
  await actions.setVoided(sender, middle.id, true, 'bench')
  await actions.setVoided(sender, middle.id, false, 'bench')
  const resent = { ...(JSON.parse(last.body) as Response), answers: (JSON.parse(second.body) as Response).answers }
  const { body, hash } = prepareResponse(survey, resent)
  const conflict = await storage.db
    .insertInto('conflicts')
    .values({ response_id: last.id, body, hash, received_at: new Date().toISOString(), received_by: sender.id })
    .returning('seq')
    .executeTakeFirstOrThrow()
  await actions.resolveConflict(sender, Number(conflict.seq), 'accept-new', 'bench')
}
