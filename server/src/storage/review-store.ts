import { sql } from 'kysely'
import type { ResponseFilter, ReviewReads, StoredConflict, StoredReview } from '../db/review.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import type { Tx } from './transactions.ts'

type ResponseRow = Omit<StoredReview, 'void' | 'correction'>

/**
 * What review reads, on the async boundary (docs/storage.md), for SQLite and PostgreSQL alike:
 * the same results as db/review.ts's reads. A page looks up the latest void and correction of
 * all its responses in two statements, not two per response (a round trip to PostgreSQL costs
 * what a whole SQLite statement does). Each read may run in a caller's transaction (`db`).
 */
export function reviewReads(db: Tx, engine: Storage['engine']) {
  const cursor = sql.ref<number>(engine === 'postgres' ? 'r.seq' : 'r.rowid')

  const responses = () =>
    db
      .selectFrom('responses as r')
      .leftJoin('users as u', 'u.id', 'r.received_by')
      .select([
        cursor.as('cursor'),
        'r.id',
        'r.survey_id as surveyId',
        'r.survey_version as surveyVersion',
        'r.unit_id as unitId',
        'r.group_id as groupId',
        'r.location_id as locationId',
        'r.channel',
        'r.received_at as receivedAt',
        'u.username as receivedBy',
        'r.body',
      ])

  /** Adds each response's latest void (if it is one) and latest correction. */
  async function withState(rows: ResponseRow[]): Promise<StoredReview[]> {
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.id)
    const voids = await db
      .selectFrom('response_voids as v')
      .leftJoin('users as u', 'u.id', 'v.user_id')
      .select(['v.response_id', 'v.action', 'v.at', 'u.username as by', 'v.reason'])
      .where('v.response_id', 'in', ids)
      .orderBy('v.seq')
      .execute()
    const corrections = await db
      .selectFrom('response_corrections as c')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .select([
        'c.response_id',
        'c.seq',
        'c.conflict_seq as conflictSeq',
        'c.at',
        'u.username as by',
        'c.reason',
        'c.body',
      ])
      .where('c.response_id', 'in', ids)
      .orderBy('c.seq')
      .execute()
    // In seq order, so the last one kept per response is its latest.
    const lastVoid = new Map(voids.map((v) => [v.response_id, v]))
    const lastCorrection = new Map(corrections.map((c) => [c.response_id, c]))
    return rows.map((row) => {
      const v = lastVoid.get(row.id)
      const c = lastCorrection.get(row.id)
      return {
        ...row,
        cursor: Number(row.cursor),
        void: v?.action === 'void' ? { at: v.at, by: v.by, reason: v.reason } : null,
        correction: c
          ? { seq: c.seq, conflictSeq: c.conflictSeq, at: c.at, by: c.by, reason: c.reason, body: c.body }
          : null,
      } as StoredReview
    })
  }

  const conflicts = () =>
    db
      .selectFrom('conflicts as c')
      .innerJoin('responses as r', 'r.id', 'c.response_id')
      .leftJoin('users as u', 'u.id', 'c.received_by')
      .select([
        'c.seq',
        'c.response_id as responseId',
        'r.survey_id as surveyId',
        'r.survey_version as surveyVersion',
        'r.unit_id as unitId',
        'c.received_at as receivedAt',
        'u.username as receivedBy',
        'c.body',
        'c.hash',
      ])

  return {
    async find(id: string): Promise<StoredReview | undefined> {
      const row = await responses().where('r.id', '=', id).executeTakeFirst()
      return row && (await withState([row as ResponseRow]))[0]
    },
    async page(filter: ResponseFilter): Promise<StoredReview[]> {
      if (filter.units !== 'all' && filter.units.length === 0) return []
      let query = responses()
        .where('r.survey_id', '=', filter.surveyId)
        .where('r.survey_version', '=', filter.surveyVersion)
        .where(cursor, '>', filter.after)
      if (filter.unitId !== undefined) query = query.where('r.unit_id', '=', filter.unitId)
      if (filter.units !== 'all') query = query.where('r.unit_id', 'in', filter.units)
      if (filter.receivedBy !== undefined) query = query.where('r.received_by', '=', filter.receivedBy)
      const rows = await query.orderBy(cursor).limit(filter.limit).execute()
      return withState(rows as ResponseRow[])
    },
    async conflict(seq: number): Promise<(StoredConflict & { resolved: boolean }) | undefined> {
      const row = await conflicts()
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('conflict_resolutions as x')
                .select('x.conflict_seq')
                .whereRef('x.conflict_seq', '=', 'c.seq'),
            )
            .as('resolved'),
        )
        .where('c.seq', '=', seq)
        .executeTakeFirst()
      if (!row) return undefined
      const { resolved, ...conflict } = row
      // SQLite answers EXISTS with 1 or 0, PostgreSQL with a boolean.
      return { ...conflict, resolved: resolved === true || Number(resolved) === 1 }
    },
    async pendingConflicts(filter: {
      units: string[] | 'all'
      after: number
      limit: number
    }): Promise<StoredConflict[]> {
      if (filter.units !== 'all' && filter.units.length === 0) return []
      let query = conflicts()
        .where('c.seq', '>', filter.after)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('conflict_resolutions as x')
                .select('x.conflict_seq')
                .whereRef('x.conflict_seq', '=', 'c.seq'),
            ),
          ),
        )
      if (filter.units !== 'all') query = query.where('r.unit_id', 'in', filter.units)
      return query.orderBy('c.seq').limit(filter.limit).execute()
    },
  } satisfies Async<ReviewReads>
}

/** Review's reads on a storage, outside any transaction. */
export const reviewStore = (storage: Storage) => reviewReads(storage.db, storage.engine)
