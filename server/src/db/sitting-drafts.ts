import type { SittingDraft, SittingDraftBody } from '@parsurvey/shared'
import type { DB } from './connection.ts'

/**
 * Saved answers of units not yet sent (migration 052). Every write checks, in its own transaction,
 * that the unit is on the person's list and not sent: a draft racing the unit's send never
 * brings the unit back.
 */
export function sittingDraftsRepository(db: DB) {
  const state = db.prepare<[number, string], { submitted: number }>(
    'SELECT submitted FROM respondent_units WHERE respondent_id = ? AND unit_id = ?',
  )
  const upsert = db.prepare(
    `INSERT INTO sitting_drafts (respondent_id, unit_id, answers, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (respondent_id, unit_id) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at`,
  )
  const ofPerson = db.prepare<[number], { unitId: string; answers: string; updatedAt: string }>(
    'SELECT unit_id AS unitId, answers, updated_at AS updatedAt FROM sitting_drafts WHERE respondent_id = ?',
  )
  const drop = db.prepare('DELETE FROM sitting_drafts WHERE respondent_id = ? AND unit_id = ?')

  return {
    /**
     * Saves a unit's draft unless the unit is sent ('sent') or not on the list ('not-listed');
     * the check and the write are one transaction.
     */
    save: db.transaction(
      (respondentId: number, unitId: string, draft: SittingDraftBody, at: string): 'saved' | 'sent' | 'not-listed' => {
        const unit = state.get(respondentId, unitId)
        if (!unit) return 'not-listed'
        if (unit.submitted === 1) return 'sent'
        upsert.run(respondentId, unitId, JSON.stringify(draft.answers), at)
        return 'saved'
      },
    ),
    /** The person's drafts by unit. */
    of(respondentId: number): Map<string, SittingDraft> {
      return new Map(
        ofPerson
          .all(respondentId)
          .map((row) => [
            row.unitId,
            { answers: JSON.parse(row.answers) as SittingDraft['answers'], updatedAt: row.updatedAt },
          ]),
      )
    },
    /** Forgets a unit's draft; the caller runs it in the transaction that sends the unit. */
    drop: (respondentId: number, unitId: string): void => void drop.run(respondentId, unitId),
  }
}
export type SittingDraftsRepository = ReturnType<typeof sittingDraftsRepository>
