import type { InvitationKind, InvitationManualChannel, InvitationText } from '@parsurvey/shared'
import { sql } from 'kysely'
import {
  finishedEntry,
  foldTrails,
  handedOverEntry,
  REMIND_GAP_MS,
  STALE_CLAIM_MS,
  textChangeEntry,
  type FinishedClaim,
  type InvitationClaim,
  type InvitationsRepository,
  type SendRow,
} from '../db/invitations.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { takeNamedLock, writeTransaction, type Tx } from './transactions.ts'

/**
 * Invitation sends and texts (migration 055) on the async storage boundary, for SQLite and
 * PostgreSQL alike: the port of db/invitations.ts, with the same selections. Nobody is mailed
 * twice, whatever the number of app servers: a claim marks everyone due 'sending' in one
 * transaction before any mail goes out, and on PostgreSQL claims and hand-overs of one survey
 * take a lock named after it, so a second claim reads the people due only after the first one's
 * 'sending' rows are committed (the partial unique index of one send in flight per person backs
 * this up). On SQLite the write transaction holds the database's one write lock.
 */
export function invitationStore(storage: Storage) {
  const { db } = storage

  const dueIds = async (trx: Tx, surveyId: string, kind: InvitationKind, now: Date): Promise<number[]> => {
    const query =
      kind === 'invite'
        ? sql<{ id: number }>`SELECT r.id FROM respondents r WHERE r.survey_id = ${surveyId} AND r.email IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM invitation_sends s WHERE s.respondent_id = r.id
              AND ((s.kind = 'invite' AND s.channel = 'email' AND s.status = 'sent') OR s.status = 'sending'))
            ORDER BY r.id`
        : sql<{ id: number }>`SELECT r.id FROM respondents r WHERE r.survey_id = ${surveyId} AND r.email IS NOT NULL
            AND EXISTS (SELECT 1 FROM invitation_sends s WHERE s.respondent_id = r.id AND s.kind = 'invite' AND s.status = 'sent')
            AND EXISTS (SELECT 1 FROM respondent_units u WHERE u.respondent_id = r.id AND u.submitted = 0)
            AND NOT EXISTS (SELECT 1 FROM invitation_sends s WHERE s.respondent_id = r.id
              AND (s.status = 'sending' OR (s.kind = 'remind' AND s.status = 'sent'
                AND s.finished_at > ${new Date(now.getTime() - REMIND_GAP_MS).toISOString()})))
            ORDER BY r.id`
    return (await query.execute(trx)).rows.map((r) => Number(r.id))
  }
  const textOf = (trx: Tx, surveyId: string, kind: InvitationKind): Promise<InvitationText | undefined> =>
    trx
      .selectFrom('invitation_texts')
      .select(['subject', 'body'])
      .where('survey_id', '=', surveyId)
      .where('kind', '=', kind)
      .executeTakeFirst()

  return {
    /** Who a send would be for now, and how many it cannot reach (no e-mail). Changes nothing. */
    async due(surveyId: string, kind: InvitationKind, now = new Date()): Promise<{ ids: number[]; noEmail: number }> {
      let noEmail = db
        .selectFrom('respondents as r')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('r.survey_id', '=', surveyId)
        .where('r.email', 'is', null)
      if (kind === 'remind')
        noEmail = noEmail.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('respondent_units as u')
              .select('u.unit_id')
              .whereRef('u.respondent_id', '=', 'r.id')
              .where('u.submitted', '=', 0),
          ),
        )
      const { n } = await noEmail.executeTakeFirstOrThrow()
      return { ids: await dueIds(db, surveyId, kind, now), noEmail: Number(n) }
    },
    /** Marks everyone due a mail 'sending' and returns the claims; another claim meanwhile gets none of them. */
    claim(surveyId: string, kind: InvitationKind, userId: number | null, now = new Date()): Promise<InvitationClaim[]> {
      return writeTransaction(storage, async (trx) => {
        await takeNamedLock(storage, trx, `invitations:${surveyId}`)
        const at = now.toISOString()
        await trx
          .updateTable('invitation_sends')
          .set({ status: 'failed', error: 'interrupted', finished_at: at })
          .where('status', '=', 'sending')
          .where('claimed_at', '<', new Date(now.getTime() - STALE_CLAIM_MS).toISOString())
          .execute()
        const ids = await dueIds(trx, surveyId, kind, now)
        if (ids.length === 0) return []
        const rows = await trx
          .insertInto('invitation_sends')
          .values(
            ids.map((id) => ({
              respondent_id: id,
              kind,
              channel: 'email',
              status: 'sending',
              user_id: userId,
              claimed_at: at,
            })),
          )
          .returning(['id', 'respondent_id'])
          .execute()
        return rows
          .map((r) => ({ sendId: r.id, respondentId: r.respondent_id }))
          .sort((a, b) => a.respondentId - b.respondentId)
      })
    },
    /** Ends a claim with its audit entry, one transaction; false when it was no longer in flight. */
    finish(claim: FinishedClaim, now = new Date()): Promise<boolean> {
      return writeTransaction(storage, async (trx) => {
        const result = await trx
          .updateTable('invitation_sends')
          .set({ status: claim.status, error: claim.error, finished_at: now.toISOString() })
          .where('id', '=', claim.sendId)
          .where('status', '=', 'sending')
          .executeTakeFirst()
        await auditStore(trx).record(finishedEntry(claim), now)
        return Number(result.numUpdatedRows) === 1
      })
    },
    /** Records invitations handed over by hand, each with its audit entry; the ids newly marked. */
    handOver(
      surveyId: string,
      ids: number[],
      channel: InvitationManualChannel,
      userId: number | null,
      now = new Date(),
    ): Promise<number[]> {
      return writeTransaction(storage, async (trx) => {
        await takeNamedLock(storage, trx, `invitations:${surveyId}`)
        const at = now.toISOString()
        const newly: number[] = []
        for (const id of ids) {
          const inserted =
            await sql`INSERT INTO invitation_sends (respondent_id, kind, channel, status, user_id, claimed_at, finished_at)
            SELECT id, 'invite', ${channel}, 'sent', ${userId}, ${at}, ${at} FROM respondents WHERE id = ${id} AND survey_id = ${surveyId}
              AND NOT EXISTS (SELECT 1 FROM invitation_sends s WHERE s.respondent_id = respondents.id
                AND s.kind = 'invite' AND s.channel = ${channel} AND s.status = 'sent')`.execute(trx)
          if (Number(inserted.numAffectedRows ?? 0) === 1) newly.push(id)
        }
        for (const id of newly) await auditStore(trx).record(handedOverEntry(surveyId, id, channel, userId), now)
        return newly
      })
    },
    /** Per person: first invitation, last reminder, last refusal not followed by a delivered mail. */
    async trails(surveyId: string) {
      const sends = await db
        .selectFrom('invitation_sends as s')
        .innerJoin('respondents as r', 'r.id', 's.respondent_id')
        .select((eb) => [
          's.respondent_id as respondentId',
          's.kind',
          's.channel',
          's.status',
          's.error',
          eb.fn.coalesce('s.finished_at', 's.claimed_at').as('at'),
        ])
        .where('r.survey_id', '=', surveyId)
        .orderBy('s.id')
        .execute()
      return foldTrails(sends as SendRow[])
    },
    /** The survey's own text of `kind`, or undefined when it uses the default. */
    text: (surveyId: string, kind: InvitationKind) => textOf(db, surveyId, kind),
    /** Saves the survey's text of `kind` with its audit entry (the text before), one transaction. */
    saveText(surveyId: string, kind: InvitationKind, text: InvitationText, userId: number | null, now = new Date()) {
      return writeTransaction(storage, async (trx) => {
        await takeNamedLock(storage, trx, `invitation-text:${surveyId}:${kind}`)
        const before = (await textOf(trx, surveyId, kind)) ?? null
        const row = { subject: text.subject, body: text.body, updated_at: now.toISOString() }
        await trx
          .insertInto('invitation_texts')
          .values({ survey_id: surveyId, kind, ...row })
          .onConflict((oc) => oc.columns(['survey_id', 'kind']).doUpdateSet(row))
          .execute()
        await auditStore(trx).record(textChangeEntry(surveyId, kind, before, text, userId), now)
      })
    },
  } satisfies Async<InvitationsRepository>
}
