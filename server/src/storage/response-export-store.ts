import { sql, type ControlledTransaction } from 'kysely'
import type { DB } from '../db/connection.ts'
import { openExportReader, type ExportedResponseRow, type ResponseStatus } from '../db/export-reader.ts'
import { latestCorrection } from './effective-responses.ts'
import type { Storage } from './open-storage.ts'
import type { StorageSchema } from './schema.ts'

/**
 * One download's view of the stored responses: every call to `responses` reads the same
 * snapshot, whatever is stored meanwhile. `close` ends it (and releases what it holds); it is
 * called once the download ends or is abandoned, and may be called again.
 */
export type ResponseExport = {
  /**
   * Every stored response of a survey version in storage order, voided ones included with their
   * status: the latest void or restore decides `voided` (with its reason), a conflict waiting
   * for review makes it `conflict`, and the latest accepted correction replaces its body.
   */
  responses(surveyId: string, version: number): AsyncIterable<ExportedResponseRow>
  close(): Promise<void>
}

/** The raw response exports' reads (`responses-long`, `responses-wide`), on either engine. */
export type ResponseExportsPort = { open(): Promise<ResponseExport> }

/**
 * SQLite: the running server's reader (db/export-reader.ts), a read-only connection of its own in
 * one read transaction, read synchronously a row at a time behind the async interface.
 */
export const sqliteResponseExports = (db: DB): ResponseExportsPort => ({
  open: async () => {
    const reader = openExportReader(db)
    let current: Generator<ExportedResponseRow> | undefined
    return {
      async *responses(surveyId, version) {
        current = reader.responses(surveyId, version)
        yield* current
      },
      async close() {
        // Ends the statement being read before its connection closes.
        current?.return(undefined)
        reader.close()
      },
    }
  },
})

/** Rows fetched from the cursor at a time: a few hundred kilobytes of bodies. */
export const EXPORT_FETCH = 500

type Row = {
  id: string
  body: string
  received_at: string
  surveyor: string | null
  voided: boolean | null
  reason: string | null
  pending: boolean
}

/**
 * PostgreSQL: one read-only REPEATABLE READ transaction, on a pool connection held for the whole
 * download, so every version of the data set is read from one snapshot while writes go on. Each
 * version is read through a cursor (`DECLARE … CURSOR`, then `FETCH` a batch at a time), the
 * plan made once and the rows streamed in storage order (`seq`) as the download pulls them;
 * keyset pages would instead search the version's index and sort its rows again for every page.
 * `close` rolls the transaction back, which also closes the cursor and returns the connection to
 * the pool; nothing else is needed when a client abandons a download.
 */
export function responseExportStore(storage: Storage): ResponseExportsPort {
  const { db } = storage
  /** The version's responses with their review state, as db/export-reader.ts reads them on SQLite. */
  const query = (surveyId: string, version: number) =>
    db
      .selectFrom('responses as r')
      .leftJoin('users as u', 'u.id', 'r.received_by')
      .leftJoin('response_corrections as c', (join) => join.on(latestCorrection))
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('response_voids as v')
            .select((v) => [v('v.action', '=', 'void').as('voided'), 'v.reason'])
            .whereRef('v.response_id', '=', 'r.id')
            .orderBy('v.seq', 'desc')
            .limit(1)
            .as('lv'),
        (join) => join.onTrue(),
      )
      .select((eb) => [
        'r.id',
        eb.fn.coalesce('c.body', 'r.body').as('body'),
        'r.received_at',
        'u.username as surveyor',
        'lv.voided',
        'lv.reason',
        eb
          .exists(
            eb
              .selectFrom('conflicts as k')
              .select(sql.lit(1).as('one'))
              .whereRef('k.response_id', '=', 'r.id')
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('conflict_resolutions as x')
                      .select(sql.lit(1).as('one'))
                      .whereRef('x.conflict_seq', '=', 'k.seq'),
                  ),
                ),
              ),
          )
          .as('pending'),
      ])
      .where('r.survey_id', '=', surveyId)
      .where('r.survey_version', '=', version)
      .orderBy(sql.ref('r.seq'))
  return {
    async open() {
      const trx: ControlledTransaction<StorageSchema> = await db
        .startTransaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute()
      let closed = false
      return {
        async *responses(surveyId, version) {
          if (closed) return
          await sql`DECLARE export_responses NO SCROLL CURSOR FOR ${query(surveyId, version)}`.execute(trx)
          for (;;) {
            if (closed) return
            const { rows } = await sql<Row>`FETCH ${sql.lit(EXPORT_FETCH)} FROM export_responses`.execute(trx)
            for (const row of rows) {
              const status: ResponseStatus = row.voided === true ? 'voided' : row.pending ? 'conflict' : 'valid'
              yield {
                id: row.id,
                body: row.body,
                receivedAt: row.received_at,
                surveyor: row.surveyor,
                status,
                statusReason: row.voided === true ? row.reason : null,
              }
            }
            if (rows.length < EXPORT_FETCH) break
          }
          await sql`CLOSE export_responses`.execute(trx)
        },
        async close() {
          if (closed) return
          closed = true
          // Releases the connection even when the rollback fails (a connection already broken).
          await trx.rollback().execute()
        },
      }
    },
  }
}
