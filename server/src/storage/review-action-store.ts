import type { Survey } from '@parsurvey/shared'
import { effectiveBody, type StoredReview } from '../db/review.ts'
import type { User } from '../db/users.ts'
import { reviewDelta, type ReviewChange } from '../review/review-delta.ts'
import {
  checkCorrection,
  checkUnresolved,
  checkVoidChange,
  conflictAuditEntry,
  reviewable,
  settleable,
  voidAuditEntry,
  type HoldingForm,
  type Resolution,
} from '../review/review-rules.ts'
import type { ReviewActions } from '../review/review.ts'
import { addProgressRows, addScoringRows } from './aggregate-rows.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { reviewReads } from './review-store.ts'
import { bumpScoreInputs } from './score-inputs.ts'
import { surveyDefinitions } from './survey-definitions.ts'
import { takeFoldLock, writeTransaction, type Tx } from './transactions.ts'

/**
 * Supervisor review on the async boundary (docs/storage.md), for SQLite and PostgreSQL alike:
 * the methods of review/review.ts's `reviewActions`, deciding with the same rules
 * (review-rules.ts). Each action is one transaction that adds its review row, moves the
 * aggregates by the difference it makes to the effective responses, bumps the score inputs and
 * writes its audit entry. With several servers:
 *
 * - the response's row is locked first (`FOR NO KEY UPDATE`, which a resend's foreign key does
 *   not wait for), and its void and correction state read after: two supervisors voiding one
 *   response at once void it once, the second gets the 409 the first made true;
 * - the transaction holds the shared fold lock (transactions.ts), like a storing one: a rebuild,
 *   which replaces the version's aggregates, then never runs between this action's read and its
 *   write (it would overwrite the action's delta or count the response the action just voided),
 *   while folds, ingest and other actions go on beside it (their upserts add up in any order);
 * - the delta is one merged, sorted set of rows (review-delta.ts), so two actions never take
 *   aggregate row locks in opposite orders.
 *
 * On SQLite `writeTransaction` starts with `BEGIN IMMEDIATE`, which serialises it all.
 */
export function reviewActionStore(storage: Storage) {
  const postgres = storage.engine === 'postgres'
  const surveyOf = surveyDefinitions()

  /** The id a response is stored under (migration 010: ids stored before they were lower-cased). */
  async function storedIdOf(trx: Tx, id: string): Promise<string> {
    const fold = await trx.selectFrom('response_id_folds').select('id').where('folded', '=', id).executeTakeFirst()
    return fold?.id ?? id
  }

  async function lockResponse(trx: Tx, id: string): Promise<void> {
    if (postgres) await trx.selectFrom('responses').select('id').where('id', '=', id).forNoKeyUpdate().execute()
  }

  /** Locks the response `id` (as stored) and reads its review state, if `user` may review it. */
  async function find(trx: Tx, user: User, id: string): Promise<StoredReview> {
    const storedId = await storedIdOf(trx, id)
    await lockResponse(trx, storedId)
    return reviewable(user, await reviewReads(trx, storage.engine).find(storedId), id)
  }

  async function holdingForm(trx: Tx, responseId: string): Promise<HoldingForm | undefined> {
    const query = trx
      .selectFrom('paper_keyings as k')
      .innerJoin('paper_forms as f', 'f.id', 'k.form_id')
      .select(['f.counted_id as countedId', 'f.serial_key as serialKey'])
      .where('k.response_id', '=', responseId)
    // Double entry may be settling the same form on another server: wait for it.
    return (postgres ? query.forNoKeyUpdate() : query).executeTakeFirst()
  }

  /** Counts `changes` of the response `r` in or out of the aggregates and progress rows. */
  const count = async (trx: Tx, r: StoredReview, changes: ReviewChange[]): Promise<void> =>
    countResponseChanges(trx, storage.engine, await surveyOf(trx, r.surveyId, r.surveyVersion), r.id, changes)

  /** One review action: a write transaction holding the shared fold lock. */
  const action = <T>(fn: (trx: Tx) => Promise<T>): Promise<T> =>
    writeTransaction(storage, async (trx) => {
      await takeFoldLock(storage, trx, 'store')
      return fn(trx)
    })

  return {
    setVoided: (user: User, id: string, voided: boolean, reason: string, now = new Date()): Promise<StoredReview> =>
      action(async (trx) => {
        const before = await find(trx, user, id)
        checkVoidChange(before, voided, voided ? undefined : await holdingForm(trx, before.id))
        await trx
          .insertInto('response_voids')
          .values({
            response_id: before.id,
            action: voided ? 'void' : 'restore',
            reason,
            at: now.toISOString(),
            user_id: user.id,
          })
          .execute()
        await count(trx, before, [{ body: effectiveBody(before), sign: voided ? -1 : 1 }])
        await auditStore(trx).record(voidAuditEntry(user, before, voided, reason), now)
        return find(trx, user, before.id)
      }),

    resolveConflict: (
      user: User,
      seq: number,
      resolution: Resolution,
      reason: string,
      now = new Date(),
    ): Promise<StoredReview> =>
      action(async (trx) => {
        const reads = reviewReads(trx, storage.engine)
        const found = settleable(user, await reads.conflict(seq), seq)
        const before = await find(trx, user, found.responseId)
        // Read again under the response's lock: another server may have settled it meanwhile.
        const conflict = settleable(user, await reads.conflict(seq), seq)
        checkUnresolved(conflict, seq)
        const at = now.toISOString()
        let correctionSeq: number | null = null
        if (resolution === 'accept-new') {
          checkCorrection(before, conflict)
          const inserted = await trx
            .insertInto('response_corrections')
            .values({
              response_id: before.id,
              conflict_seq: seq,
              body: conflict.body,
              hash: conflict.hash,
              reason,
              at,
              user_id: user.id,
            })
            .returning('seq')
            .executeTakeFirstOrThrow()
          correctionSeq = Number(inserted.seq)
          if (before.void === null)
            await count(trx, before, [
              { body: effectiveBody(before), sign: -1 },
              { body: conflict.body, sign: 1 },
            ])
        }
        await trx
          .insertInto('conflict_resolutions')
          .values({ conflict_seq: seq, action: resolution, reason, at, user_id: user.id })
          .execute()
        await auditStore(trx).record(
          conflictAuditEntry(user, seq, before, conflict, resolution, reason, correctionSeq),
          now,
        )
        return find(trx, user, before.id)
      }),
  } satisfies Async<ReviewActions>
}
export type ReviewActionStore = ReturnType<typeof reviewActionStore>

/**
 * Moves the aggregates and progress rows of `survey` by what `changes` to the stored response
 * `responseId` do (at its unit and sender), and bumps the score inputs: the delta of every review
 * action and of a settled paper form (paper-settle-store.ts), in the caller's transaction.
 */
export async function countResponseChanges(
  trx: Tx,
  engine: Storage['engine'],
  survey: Survey,
  responseId: string,
  changes: ReviewChange[],
): Promise<void> {
  const sender = await trx
    .selectFrom('responses')
    .select(['unit_id', 'received_by'])
    .where('id', '=', responseId)
    .executeTakeFirstOrThrow()
  const key = { surveyId: survey.id, surveyVersion: survey.version }
  const delta = reviewDelta(survey, { unitId: sender.unit_id, receivedBy: sender.received_by }, changes)
  await addScoringRows(trx, engine, key, delta.rows)
  await addProgressRows(trx, engine, key, delta.progress)
  await bumpScoreInputs(trx)
}
