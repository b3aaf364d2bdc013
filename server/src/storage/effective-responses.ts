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
 * A page of a survey version's effective responses on either engine, in storage order after
 * `after` (SQLite rowid, PostgreSQL seq): what db/effective-responses.ts defines for the running
 * server — voided responses left out (the latest void or restore row decides), the latest
 * correction's body and hash in place of the stored ones. The rebuild of the aggregate store
 * counts these; exports and checks read them a page at a time.
 */
export async function effectivePage(
  db: Tx,
  engine: Storage['engine'],
  key: Key,
  after: number,
  limit: number,
): Promise<EffectiveRow[]> {
  const seq = sql.ref<number>(engine === 'postgres' ? 'r.seq' : 'r.rowid')
  const rows = await db
    .selectFrom('responses as r')
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
    .where('r.survey_id', '=', key.surveyId)
    .where('r.survey_version', '=', key.surveyVersion)
    .where(seq, '>', after)
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
    .orderBy(seq)
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    cursor: Number(r.cursor),
    id: r.id,
    body: r.body,
    hash: r.hash,
    corrected: r.correction !== null,
    unitId: r.unit_id,
    receivedBy: r.received_by,
  }))
}

/** The effective responses of a survey version on the async boundary, a page at a time. */
export function effectiveResponseStore(storage: Storage) {
  return {
    page: (key: Key, after: number, limit: number): Promise<EffectiveRow[]> =>
      effectivePage(storage.db, storage.engine, key, after, limit),
  }
}
