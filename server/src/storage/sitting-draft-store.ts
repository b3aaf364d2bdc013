import type { SittingDraft, SittingDraftBody } from '@parsurvey/shared'
import type { SittingDraftsRepository } from '../db/sitting-drafts.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { inWriteTransaction, type Tx } from './transactions.ts'

/**
 * Saved answers of units not yet sent (migration 052) on the async storage boundary, for SQLite
 * and PostgreSQL alike: the port of db/sitting-drafts.ts. A save reads the unit's state and
 * writes the draft in one transaction; on PostgreSQL it holds the unit's row (`FOR SHARE`), so a
 * send of the unit through another server (which updates that row) waits for the save and then
 * deletes the draft, or commits first and the save finds the unit sent. A draft never outlives
 * its unit's send.
 */
export function sittingDraftStore(storage: Storage, db: Tx = storage.db) {
  return {
    /** Saves a unit's draft unless the unit is sent ('sent') or not on the list ('not-listed'). */
    save(
      respondentId: number,
      unitId: string,
      draft: SittingDraftBody,
      at: string,
    ): Promise<'saved' | 'sent' | 'not-listed'> {
      return inWriteTransaction(storage, db, async (trx) => {
        const query = trx
          .selectFrom('respondent_units')
          .select('submitted')
          .where('respondent_id', '=', respondentId)
          .where('unit_id', '=', unitId)
        const unit = await (storage.engine === 'postgres' ? query.forShare() : query).executeTakeFirst()
        if (!unit) return 'not-listed'
        if (unit.submitted === 1) return 'sent'
        const row = { answers: JSON.stringify(draft.answers), updated_at: at }
        await trx
          .insertInto('sitting_drafts')
          .values({ respondent_id: respondentId, unit_id: unitId, ...row })
          .onConflict((oc) => oc.columns(['respondent_id', 'unit_id']).doUpdateSet(row))
          .execute()
        return 'saved'
      })
    },
    /** The person's drafts by unit. */
    async of(respondentId: number): Promise<Map<string, SittingDraft>> {
      const rows = await db
        .selectFrom('sitting_drafts')
        .select(['unit_id', 'answers', 'updated_at'])
        .where('respondent_id', '=', respondentId)
        .execute()
      return new Map(
        rows.map((r) => [
          r.unit_id,
          { answers: JSON.parse(r.answers) as SittingDraft['answers'], updatedAt: r.updated_at },
        ]),
      )
    },
    /** Forgets a unit's draft; the caller runs it in the transaction that sends the unit. */
    async drop(respondentId: number, unitId: string): Promise<void> {
      await db
        .deleteFrom('sitting_drafts')
        .where('respondent_id', '=', respondentId)
        .where('unit_id', '=', unitId)
        .execute()
    },
  } satisfies Async<SittingDraftsRepository>
}
