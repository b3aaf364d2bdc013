import { sql, type SqlBool } from 'kysely'
import type { EffectiveResponse } from '../db/effective-responses.ts'
import type { Storage } from './open-storage.ts'
import type { Tx } from './transactions.ts'

type Key = { surveyId: string; surveyVersion: number }

/** Joins a response `r` to its latest correction `c`, if any: the body that counts (both engines). */
export const latestCorrection = sql<SqlBool>`c.seq = (SELECT max(m.seq) FROM response_corrections m WHERE m.response_id = r.id)`

/** One effective response with the columns a count needs beside it, and its place in storage order. */
export type EffectiveRow = EffectiveResponse & { cursor: number; unitId: string; receivedBy: number | null }

/**
 * Whether any response of the version was ever voided, restored or corrected: `hasReview` of
 * db/effective-responses.ts. It walks the (few) review rows and looks their responses up; on
 * SQLite `CROSS JOIN` keeps the planner to that order, PostgreSQL's planner finds it itself.
 * Asked inside the transaction that reads the pages, under the exclusive fold lock on
 * PostgreSQL: every review action and paper keying writes its rows under the shared one, so the
 * answer cannot go stale while the pages are read.
 */
export async function versionReviewed(db: Tx, key: Key): Promise<boolean> {
  for (const table of ['response_voids', 'response_corrections'] as const) {
    const row = await db
      .selectFrom(table)
      .crossJoin('responses as r')
      .select('r.id')
      .whereRef('r.id', '=', `${table}.response_id`)
      .where('r.survey_id', '=', key.surveyId)
      .where('r.survey_version', '=', key.surveyVersion)
      .limit(1)
      .executeTakeFirst()
    if (row) return true
  }
  return false
}

/**
 * A page of a survey version's effective responses on either engine, in storage order after
 * `after` (SQLite rowid, PostgreSQL seq): what db/effective-responses.ts defines for the running
 * server — voided responses left out (the latest void or restore row decides), the latest
 * correction's body and hash in place of the stored ones. The rebuild of the aggregate store
 * counts these; exports and checks read them a page at a time.
 *
 * `reviewed: false` (from `versionReviewed`, never guessed) reads the stored rows alone, without
 * the void and correction look-ups per row, as SQLite's rebuild does for a version never
 * reviewed: at a million responses the look-ups cost more than the read itself.
 */
export async function effectivePage(
  db: Tx,
  engine: Storage['engine'],
  key: Key,
  after: number,
  limit: number,
  reviewed = true,
): Promise<EffectiveRow[]> {
  const seq = sql.ref<number>(engine === 'postgres' ? 'r.seq' : 'r.rowid')
  const version = db
    .selectFrom('responses as r')
    .where('r.survey_id', '=', key.surveyId)
    .where('r.survey_version', '=', key.surveyVersion)
    .where(seq, '>', after)
    .orderBy(seq)
    .limit(limit)
  if (!reviewed) {
    const rows = await version
      .select([seq.as('cursor'), 'r.id', 'r.body', 'r.hash', 'r.unit_id', 'r.received_by'])
      .execute()
    return rows.map((r) => effectiveRow({ ...r, correction: null }))
  }
  const rows = await version
    .leftJoin('response_corrections as c', (join) => join.on(latestCorrection))
    .select((eb) => [
      seq.as('cursor'),
      'r.id',
      eb.fn.coalesce('c.body', 'r.body').as('body'),
      eb.fn.coalesce('c.hash', 'r.hash').as('hash'),
      'c.seq as correction',
      'r.unit_id',
      'r.received_by',
    ])
    .where((eb) =>
      eb(
        eb.fn.coalesce(
          eb
            .selectFrom('response_voids as v')
            .select('v.action')
            .whereRef('v.response_id', '=', 'r.id')
            .orderBy('v.seq', 'desc')
            .limit(1),
          eb.val('restore'),
        ),
        '<>',
        'void',
      ),
    )
    .execute()
  return rows.map(effectiveRow)
}

/** A page's row as the callers take it (`correction`: the latest correction's seq, if any). */
const effectiveRow = (r: {
  cursor: number
  id: string
  body: string
  hash: string
  correction: number | null
  unit_id: string
  received_by: number | null
}): EffectiveRow => ({
  cursor: Number(r.cursor),
  id: r.id,
  body: r.body,
  hash: r.hash,
  corrected: r.correction !== null,
  unitId: r.unit_id,
  receivedBy: r.received_by,
})

/** The effective responses of a survey version on the async boundary, a page at a time. */
export function effectiveResponseStore(storage: Storage) {
  return {
    page: (key: Key, after: number, limit: number): Promise<EffectiveRow[]> =>
      effectivePage(storage.db, storage.engine, key, after, limit),
  }
}
