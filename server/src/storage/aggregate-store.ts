import type { ScoringRows, Survey } from '@parsurvey/shared'
import { sql } from 'kysely'
import { counterLayout } from '../aggregates/counter-layout.ts'
import { RebuildCount } from '../aggregates/rebuild-count.ts'
import { addProgressRows, addScoringRows, clearVersion, readProgressRows, readScoringRows } from './aggregate-rows.ts'
import type { Storage } from './open-storage.ts'
import { bumpScoreInputs } from './score-inputs.ts'
import { surveyDefinitions } from './survey-definitions.ts'
import { effectivePage, versionReviewed } from './effective-responses.ts'
import { auditStore } from './audit-store.ts'
import { takeFoldLock, writeTransaction, type Tx } from './transactions.ts'

type Key = { surveyId: string; surveyVersion: number }

/** What a fold added: how many responses, and the watermark it left (SQLite rowid, PostgreSQL seq). */
export type FoldResult = { responses: number; through: number }
export type RebuildResult = Key & { responses: number }

/** Stored responses read per statement by a fold or a rebuild: bounds the bodies held at once. */
const PAGE = 2_000

/**
 * The aggregate tables on the async storage boundary, one implementation for SQLite and
 * PostgreSQL (docs/storage.md): the fold behind the watermark and the rebuild of
 * aggregates/folding.ts and aggregates/rebuild.ts, with the rebuild's counting code
 * (`RebuildCount`, which reads a valid stored body without zod) and the same upserts
 * (aggregate-rows.ts), not a copy of them.
 *
 * - `fold()` adds every response stored after the watermark, read back from its stored body, and
 *   moves the watermark, in one transaction. On PostgreSQL it holds the exclusive fold lock
 *   (transactions.ts), so no storing transaction is in flight while it reads the highest seq: a
 *   seq that commits late is never skipped, and two servers never fold the same rows.
 * - `rebuild(survey)` recomputes one version from its effective responses (voided left out,
 *   the latest correction in place of the body) under the same lock, after folding the other
 *   versions and moving the watermark past this one's, so no later fold adds them again.
 *
 * Both bump the score inputs' generation in their transaction (score-inputs.ts), so every
 * server's cached scores are invalidated when the aggregates change.
 *
 * Unlike the running SQLite server's folding.ts, nothing is staged in memory: every fold reads
 * back from storage, which is what another server's responses need anyway.
 */
export function aggregateStore(storage: Storage) {
  const postgres = storage.engine === 'postgres'
  /** SQLite's implicit rowid is PostgreSQL's `seq` identity column (migrations-pg/001_init.sql). */
  const seq = sql.ref<number>(postgres ? 'seq' : 'rowid')
  const surveyOf = surveyDefinitions()

  async function marks(db: Tx): Promise<{ folded: number; last: number }> {
    const folded = await db
      .selectFrom('aggregate_watermark')
      .select('folded_through')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()
    const last = await db
      .selectFrom('responses')
      .select((eb) => eb.fn.coalesce(eb.fn.max(seq), eb.lit(0)).as('last'))
      .executeTakeFirstOrThrow()
    return { folded: folded.folded_through, last: Number(last.last) }
  }

  /**
   * Inside a transaction holding the fold lock: folds (after, last], leaving out `except`. Each
   * body is counted by the rebuild's counter (`RebuildCount`: the fast reader of a valid stored
   * body, zod only for the rest), one per survey version, and each version's merged rows are
   * added once at the end.
   */
  async function foldIn(trx: Tx, except?: Key): Promise<FoldResult> {
    const { folded, last } = await marks(trx)
    if (last <= folded) return { responses: 0, through: folded }
    const counts = new Map<string, { key: Key; count: RebuildCount }>()
    let responses = 0
    const page = (after: number) =>
      trx
        .selectFrom('responses')
        .select([seq.as('seq'), 'survey_id', 'survey_version', 'unit_id', 'received_by', 'body'])
        .where(seq, '>', after)
        .where(seq, '<=', last)
        .orderBy(seq)
        .limit(PAGE)
        .execute()
    for await (const rows of pagesAhead(folded, page, (row) => Number(row.seq))) {
      for (const row of rows) {
        if (except && row.survey_id === except.surveyId && row.survey_version === except.surveyVersion) continue
        const id = `${row.survey_id}\u0000${row.survey_version}`
        let version = counts.get(id)
        if (!version) {
          const survey = await surveyOf(trx, row.survey_id, row.survey_version)
          version = {
            key: { surveyId: row.survey_id, surveyVersion: row.survey_version },
            count: new RebuildCount(counterLayout(survey)),
          }
          counts.set(id, version)
        }
        version.count.addBody(row.body, row.unit_id, row.received_by)
        responses++
      }
    }
    for (const { key, count } of counts.values()) {
      await addScoringRows(trx, storage.engine, key, count.toRows())
      await addProgressRows(trx, storage.engine, key, count.progressRows())
    }
    await bumpScoreInputs(trx)
    await trx.updateTable('aggregate_watermark').set({ folded_through: last }).where('id', '=', 1).execute()
    return { responses, through: last }
  }

  /**
   * Counts a version's effective responses, a page at a time in storage order; a version never
   * reviewed is read without the void and correction look-ups (`versionReviewed`).
   */
  async function countEffective(trx: Tx, survey: Survey): Promise<RebuildCount> {
    const count = new RebuildCount(counterLayout(survey))
    const key = { surveyId: survey.id, surveyVersion: survey.version }
    const reviewed = await versionReviewed(trx, key)
    const page = (after: number) => effectivePage(trx, storage.engine, key, after, PAGE, reviewed)
    for await (const rows of pagesAhead(0, page, (row) => row.cursor))
      for (const row of rows) count.addBody(row.body, row.unitId, row.receivedBy)
    return count
  }

  return {
    /** Brings the aggregates up to date with every committed response; cheap when they are. */
    async fold(): Promise<FoldResult> {
      // Nothing committed after the watermark: nothing to do, and no lock to wait for. (A seq
      // still uncommitted is higher than the watermark, so the next fold takes it.)
      const now = await marks(storage.db)
      if (now.last <= now.folded) return { responses: 0, through: now.folded }
      return writeTransaction(storage, async (trx) => {
        await takeFoldLock(storage, trx, 'fold')
        return foldIn(trx)
      })
    },

    /**
     * Recomputes one survey version's aggregates from its effective responses, in one transaction
     * that also records it in the audit log (`by`: the account that asked, null for the system).
     */
    async rebuild(survey: Survey, by: number | null = null): Promise<RebuildResult> {
      const key = { surveyId: survey.id, surveyVersion: survey.version }
      return writeTransaction(storage, async (trx) => {
        await takeFoldLock(storage, trx, 'fold')
        await foldIn(trx, key)
        const count = await countEffective(trx, survey)
        await clearVersion(trx, key)
        await addScoringRows(trx, storage.engine, key, count.toRows())
        await addProgressRows(trx, storage.engine, key, count.progressRows())
        await bumpScoreInputs(trx)
        const { responses } = count
        await auditStore(trx).record({
          userId: by,
          action: 'aggregates-rebuild',
          target: `${survey.id}@${survey.version}`,
          after: { responses },
        })
        return { ...key, responses }
      })
    },

    /** A version's aggregate state as rows, in key order (fold first for an up-to-date one). */
    read: (key: Key): Promise<ScoringRows> => readScoringRows(storage.db, key),
    /** A version's progress rows per unit × account × day, in key order. */
    readProgress: (key: Key) => readProgressRows(storage.db, key),
    /** The watermark: every response up to it (rowid / seq) is in the aggregates. */
    folded: async (): Promise<number> => (await marks(storage.db)).folded,
  }
}
export type AggregateStore = ReturnType<typeof aggregateStore>

/**
 * The pages of a read in storage order, each page's statement sent as soon as the page before
 * it arrived: the database reads the next page while this one is counted, instead of waiting
 * idle (both run in one transaction; the driver sends its statements in order on its one
 * connection). An empty page ends the read.
 */
async function* pagesAhead<T>(
  from: number,
  page: (after: number) => Promise<T[]>,
  cursor: (row: T) => number,
): AsyncGenerator<T[]> {
  let next = page(from)
  for (;;) {
    const rows = await next
    if (rows.length === 0) return
    next = page(cursor(rows[rows.length - 1]!))
    // Should the caller stop on an error of its own, this read's failure (the transaction rolled
    // back under it) is not one more error to report: the caller's own goes up.
    next.catch(() => {})
    yield rows
  }
}
