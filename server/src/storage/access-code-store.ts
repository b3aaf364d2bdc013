import type { CodeBatch, CodeBatchSummary } from '@parsurvey/shared'
import type { Kysely } from 'kysely'
import { batchIssuedEntry, type DrawCode, type FoundCode, type StoredCode } from '../db/access-codes.ts'
import { auditStore } from './audit-store.ts'
import type { StorageSchema } from './schema.ts'

/**
 * Batches of one-time access codes and their use, on the async storage boundary
 * (docs/storage.md), for SQLite and PostgreSQL alike; the same rows and answers as
 * db/access-codes.ts. `db` is the storage's Kysely or a transaction of it: a code is marked used
 * in the transaction that stores its response.
 *
 * A code is used once whatever the number of app servers: `markUsed` is
 * `UPDATE … WHERE id = ? AND used_at IS NULL`, and the count of updated rows decides. On
 * PostgreSQL a second server's update of the same code waits for the first transaction and then
 * finds `used_at` set, so it updates nothing; the used-once trigger backs this up.
 */
export function accessCodeStore(db: Kysely<StorageSchema>) {
  const batchQuery = () =>
    db
      .selectFrom('code_batches')
      .select([
        'id',
        'survey_id as surveyId',
        'survey_version as surveyVersion',
        'unit_id as unitId',
        'group_id as groupId',
        'location_id as locationId',
        'count',
        'note',
        'expires_at as expiresAt',
        'created_at as createdAt',
        'created_by as createdBy',
      ])
  const codeQuery = () =>
    db
      .selectFrom('access_codes')
      .select(['id', 'code_hash as hash', 'code_sealed as sealed', 'used_at as usedAt', 'response_id as responseId'])

  return {
    /**
     * Issues a batch in one transaction (this one when `db` is a transaction): its row,
     * `batch.count` codes from `draw` (a hash already taken is drawn again) and its audit entry.
     * Returns its id.
     */
    issue(batch: Omit<CodeBatch, 'id'>, draw: DrawCode, now: Date): Promise<number> {
      const issue = async (trx: Kysely<StorageSchema>) => {
        const { id } = await trx
          .insertInto('code_batches')
          .values({
            survey_id: batch.surveyId,
            survey_version: batch.surveyVersion,
            unit_id: batch.unitId,
            group_id: batch.groupId,
            location_id: batch.locationId,
            count: batch.count,
            note: batch.note,
            expires_at: batch.expiresAt,
            created_at: batch.createdAt,
            created_by: batch.createdBy,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        // Up to 500 codes per statement; the ones whose hash was taken come back short and are drawn again.
        for (let added = 0; added < batch.count;) {
          const rows = Array.from({ length: Math.min(500, batch.count - added) }, () => {
            const { hash, sealed } = draw()
            return { batch_id: id, code_hash: hash, code_sealed: sealed }
          })
          const inserted = await trx
            .insertInto('access_codes')
            .values(rows)
            .onConflict((oc) => oc.column('code_hash').doNothing())
            .returning('id')
            .execute()
          added += inserted.length
        }
        await auditStore(trx).record(batchIssuedEntry(id, batch), now)
        return id
      }
      return db.isTransaction ? issue(db) : db.transaction().execute(issue)
    },
    batch: (id: number): Promise<CodeBatch | undefined> => batchQuery().where('id', '=', id).executeTakeFirst(),
    /** Batches of a survey (every version when `version` is null), newest first, with counts at `now`. */
    async list(surveyId: string, version: number | null, now: Date): Promise<CodeBatchSummary[]> {
      let query = db
        .selectFrom('code_batches as b')
        .leftJoin('access_codes as c', 'c.batch_id', 'b.id')
        .select((eb) => [
          'b.id',
          'b.survey_id as surveyId',
          'b.survey_version as surveyVersion',
          'b.unit_id as unitId',
          'b.group_id as groupId',
          'b.location_id as locationId',
          'b.count',
          'b.note',
          'b.expires_at as expiresAt',
          'b.created_at as createdAt',
          'b.created_by as createdBy',
          eb.fn.count<number>('c.id').as('issued'),
          eb.fn.count<number>('c.used_at').as('used'),
          eb.fn
            .sum<number | null>(
              eb
                .case()
                .when(
                  eb.and([
                    eb('c.used_at', 'is', null),
                    eb('b.expires_at', 'is not', null),
                    eb('b.expires_at', '<', now.toISOString()),
                  ]),
                )
                .then(1)
                .else(0)
                .end(),
            )
            .as('expired'),
        ])
        .where('b.survey_id', '=', surveyId)
      if (version !== null) query = query.where('b.survey_version', '=', version)
      const rows = await query.groupBy('b.id').orderBy('b.id', 'desc').execute()
      return rows.map((row) => ({
        ...row,
        issued: Number(row.issued),
        used: Number(row.used),
        expired: Number(row.expired ?? 0),
      }))
    },
    codes: (batchId: number): Promise<StoredCode[]> =>
      codeQuery().where('batch_id', '=', batchId).orderBy('id').execute(),
    /** The code with this hash and its batch. */
    async findByHash(hash: string): Promise<FoundCode | undefined> {
      const code = await codeQuery().select('batch_id as batchId').where('code_hash', '=', hash).executeTakeFirst()
      if (!code) return undefined
      const { batchId, ...stored } = code
      const batch = await batchQuery().where('id', '=', batchId).executeTakeFirstOrThrow()
      return { ...stored, batch }
    },
    /** Links the code to the response stored with it; false when it was used already (here or elsewhere). */
    async markUsed(codeId: number, responseId: string, usedAt: string): Promise<boolean> {
      const result = await db
        .updateTable('access_codes')
        .set({ used_at: usedAt, response_id: responseId })
        .where('id', '=', codeId)
        .where('used_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
export type AccessCodeStore = ReturnType<typeof accessCodeStore>
