import { sql } from 'kysely'
import { qualityRows, type QualityRow } from '../db/quality-responses.ts'
import type { DB } from '../db/connection.ts'
import type { Storage } from './open-storage.ts'

/** Which responses the data-quality review reads: one survey version, within the reader's units. */
export type QualityFilter = { surveyId: string; surveyVersion: number; units: string[] | 'all' }

/** The responses of the data-quality review (quality/quality.ts), on either engine. */
export type QualityRowsPort = { rows(filter: QualityFilter): AsyncIterable<QualityRow> }

/** SQLite: the running server's statement, one row at a time (db/quality-responses.ts). */
export const sqliteQualityRows = (db: DB): QualityRowsPort => ({
  async *rows(filter) {
    yield* qualityRows(db, filter)
  },
})

/** Rows read at a time: a national survey version holds hundreds of thousands. */
export const QUALITY_PAGE = 2000

/**
 * The Kysely store (PostgreSQL; SQLite for its tests): the same rows as db/quality-responses.ts
 * defines them — every response of the version in storage order (SQLite rowid, PostgreSQL seq),
 * voided ones marked, the latest correction's body in place of the stored one, the sending
 * account's username — read a page at a time after the last one.
 */
export function qualityRowStore(storage: Storage, pageSize = QUALITY_PAGE): QualityRowsPort {
  const { db } = storage
  const seq = sql.ref<number>(storage.engine === 'postgres' ? 'r.seq' : 'r.rowid')
  async function page(filter: QualityFilter, after: number) {
    let query = db
      .selectFrom('responses as r')
      .leftJoin('users as u', 'u.id', 'r.received_by')
      .leftJoin('response_corrections as c', (join) =>
        join.on((eb) =>
          eb(
            'c.seq',
            '=',
            eb
              .selectFrom('response_corrections as m')
              .select((m) => m.fn.max('m.seq').as('latest'))
              .whereRef('m.response_id', '=', 'r.id'),
          ),
        ),
      )
      .select((eb) => [
        seq.as('cursor'),
        'r.id',
        'r.unit_id as unitId',
        'r.group_id as groupId',
        'r.received_at as receivedAt',
        'u.username as surveyor',
        eb.fn.coalesce('c.body', 'r.body').as('body'),
        eb
          .fn<string>('coalesce', [
            eb
              .selectFrom('response_voids as v')
              .select('v.action')
              .whereRef('v.response_id', '=', 'r.id')
              .orderBy('v.seq', 'desc')
              .limit(1),
            sql.lit('restore'),
          ])
          .as('lastAction'),
      ])
      .where('r.survey_id', '=', filter.surveyId)
      .where('r.survey_version', '=', filter.surveyVersion)
      .where(seq, '>', after)
    if (filter.units !== 'all') {
      if (filter.units.length === 0) return []
      query = query.where('r.unit_id', 'in', filter.units)
    }
    return query.orderBy(seq).limit(pageSize).execute()
  }
  return {
    async *rows(filter) {
      let after = 0
      for (;;) {
        const rows = await page(filter, after)
        for (const { cursor: _cursor, lastAction, ...row } of rows) yield { ...row, voided: lastAction === 'void' }
        if (rows.length < pageSize) return
        after = Number(rows.at(-1)!.cursor)
      }
    },
  }
}
