import type { ScoreInputKey, ScoreInputSetRow } from '../db/score-input-sets.ts'
import type { Storage } from './open-storage.ts'
import { bumpScoreInputs } from './score-inputs.ts'
import type { Tx } from './transactions.ts'

/** The set table of each score input, and the table of its rows (counted in the history). */
const LEDGERS = {
  'self-assessment': { sets: 'self_assessment_sets', rows: 'self_assessment_values' },
  adjustments: { sets: 'adjustment_sets', rows: 'adjustment_rows' },
} as const

/**
 * The append-only sets of one score input on the async boundary (db/score-input-sets.ts for the
 * running SQLite server): each import is a new numbered set of a survey version, and the latest
 * one is in force. The kind's store writes and reads the set's rows.
 */
export function scoreInputSetStore(storage: Storage, kind: keyof typeof LEDGERS) {
  const ledger = LEDGERS[kind]
  // Both kinds' set tables have the same columns, and both row tables a `set_id`: typed as one.
  const setsAs = `${ledger.sets} as s` as 'adjustment_sets as s'
  const rowsAs = `${ledger.rows} as r` as 'adjustment_rows as r'
  const setsTable = ledger.sets as 'adjustment_sets'

  const sets = (db: Tx, key: ScoreInputKey) =>
    db
      .selectFrom(setsAs)
      .leftJoin('users as u', 'u.id', 's.applied_by')
      .select((eb) => [
        's.id',
        's.set_version',
        's.applied_at',
        'u.username',
        's.source',
        eb
          .selectFrom(rowsAs)
          .select((r) => r.fn.countAll<number>().as('n'))
          .whereRef('r.set_id', '=', 's.id')
          .as('count'),
      ])
      .where('s.survey_id', '=', key.surveyId)
      .where('s.survey_version', '=', key.surveyVersion)
      .orderBy('s.set_version', 'desc')

  const toRow = (r: Omit<ScoreInputSetRow, 'count'> & { count: number | string | null }): ScoreInputSetRow => ({
    ...r,
    count: Number(r.count ?? 0),
  })

  return {
    /**
     * Opens a new set inside the import's transaction (then write its rows under `id`). The
     * survey version's row is locked first (`FOR NO KEY UPDATE`, which ingest's foreign keys do
     * not wait for), so two imports on two servers number their sets one after the other instead
     * of both taking the next number. The score inputs' generation moves on with the commit.
     */
    async open(
      trx: Tx,
      key: ScoreInputKey,
      by: number | null,
      source: string,
      now: Date,
    ): Promise<{ id: number; setVersion: number }> {
      if (storage.engine === 'postgres')
        await trx
          .selectFrom('surveys')
          .select('id')
          .where('id', '=', key.surveyId)
          .where('version', '=', key.surveyVersion)
          .forNoKeyUpdate()
          .execute()
      await bumpScoreInputs(trx)
      const last = await trx
        .selectFrom(setsTable)
        .select((eb) => eb.fn.max('set_version').as('latest'))
        .where('survey_id', '=', key.surveyId)
        .where('survey_version', '=', key.surveyVersion)
        .executeTakeFirst()
      const setVersion = Number(last?.latest ?? 0) + 1
      const inserted = await trx
        .insertInto(setsTable)
        .values({
          survey_id: key.surveyId,
          survey_version: key.surveyVersion,
          set_version: setVersion,
          applied_at: now.toISOString(),
          applied_by: by,
          source,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { id: Number(inserted.id), setVersion }
    },
    /** Every set, newest first. */
    all: async (db: Tx, key: ScoreInputKey): Promise<ScoreInputSetRow[]> => (await sets(db, key).execute()).map(toRow),
    /** The set in force, or undefined before the first import. */
    async current(db: Tx, key: ScoreInputKey): Promise<ScoreInputSetRow | undefined> {
      const row = await sets(db, key).limit(1).executeTakeFirst()
      return row && toRow(row)
    },
  }
}
