import type { InvitationChannel, InvitationKind, InvitationManualChannel, InvitationText } from '@parsurvey/shared'
import { auditRepository } from './audit.ts'
import type { DB } from './connection.ts'

/** A claimed send: the row to finish and the person to mail. */
export type InvitationClaim = { sendId: number; respondentId: number }

/** What the sends say about a person (the latest of each kind). */
export type InvitationTrail = {
  respondentId: number
  invitedAt: string | null
  invitedChannel: InvitationChannel | null
  handedOver: { channel: InvitationManualChannel; at: string }[]
  remindedAt: string | null
  bouncedAt: string | null
  bounceError: string | null
}

/** One send as the trails read it, oldest first; `at`: when it finished, else when it was claimed. */
export type SendRow = {
  respondentId: number
  kind: InvitationKind
  channel: InvitationChannel
  status: string
  error: string | null
  at: string
}

/** Per person: first invitation, last reminder, last refusal not followed by a delivered mail. */
export function foldTrails(sends: SendRow[]): Map<number, InvitationTrail> {
  const trails = new Map<number, InvitationTrail>()
  for (const s of sends) {
    const trail = trails.get(s.respondentId) ?? {
      respondentId: s.respondentId,
      invitedAt: null,
      invitedChannel: null,
      handedOver: [],
      remindedAt: null,
      bouncedAt: null,
      bounceError: null,
    }
    if (s.status === 'sent') {
      if (s.kind === 'invite' && trail.invitedAt === null)
        Object.assign(trail, { invitedAt: s.at, invitedChannel: s.channel })
      if (s.kind === 'invite' && s.channel !== 'email' && !trail.handedOver.some((h) => h.channel === s.channel))
        trail.handedOver.push({ channel: s.channel, at: s.at })
      if (s.kind === 'remind') trail.remindedAt = s.at
      if (s.channel === 'email') Object.assign(trail, { bouncedAt: null, bounceError: null })
    }
    if (s.status === 'bounced') Object.assign(trail, { bouncedAt: s.at, bounceError: s.error })
    trails.set(s.respondentId, trail)
  }
  return trails
}

/** How a claimed mail ended, for `finish` and its audit entry. */
export type FinishedClaim = InvitationClaim & {
  surveyId: string
  kind: InvitationKind
  status: 'sent' | 'bounced' | 'failed'
  error: string | null
  userId: number | null
}

export const finishedEntry = (c: FinishedClaim) => ({
  userId: c.userId,
  action: `invitation-${c.status}` as const,
  target: `respondent:${c.respondentId}`,
  after: { surveyId: c.surveyId, kind: c.kind, channel: 'email', ...(c.error !== null ? { error: c.error } : {}) },
})

export const handedOverEntry = (
  surveyId: string,
  id: number,
  channel: InvitationManualChannel,
  userId: number | null,
) => ({
  userId,
  action: 'invitation-handed-over' as const,
  target: `respondent:${id}`,
  after: { surveyId, kind: 'invite', channel },
})

export const textChangeEntry = (
  surveyId: string,
  kind: InvitationKind,
  before: InvitationText | null,
  after: InvitationText,
  userId: number | null,
) => ({ userId, action: 'invitation-text-change' as const, target: `survey:${surveyId}:${kind}`, before, after })

/** A claim left 'sending' this long (the server stopped mid-send) is taken as failed. */
export const STALE_CLAIM_MS = 15 * 60_000
/** A person reminded less than this ago is not reminded again. */
export const REMIND_GAP_MS = 12 * 3600_000

/**
 * Invitation sends and texts (migration 055). `claim` runs in an IMMEDIATE transaction: it picks
 * the people due a mail and marks each 'sending' before anyone calls the mail server, and the
 * partial unique index allows one send in flight per person, so concurrent sends (two admins,
 * the CLI beside the server) split the people between them and nobody gets two mails.
 */
export function invitationsRepository(db: DB) {
  // People with an e-mail, of the survey, not invited by mail yet (a refusal or failure may be retried).
  const dueInvite = db.prepare<[string], { id: number }>(
    `SELECT r.id FROM respondents r WHERE r.survey_id = ? AND r.email IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM invitation_sends s WHERE s.respondent_id = r.id
         AND ((s.kind = 'invite' AND s.channel = 'email' AND s.status = 'sent') OR s.status = 'sending'))
     ORDER BY r.id`,
  )
  // Invited (any channel), not finished, not reminded within the gap, nothing in flight.
  const dueRemind = db.prepare<[string, string], { id: number }>(
    `SELECT r.id FROM respondents r WHERE r.survey_id = ? AND r.email IS NOT NULL
       AND EXISTS (SELECT 1 FROM invitation_sends s WHERE s.respondent_id = r.id AND s.kind = 'invite' AND s.status = 'sent')
       AND EXISTS (SELECT 1 FROM respondent_units u WHERE u.respondent_id = r.id AND u.submitted = 0)
       AND NOT EXISTS (SELECT 1 FROM invitation_sends s WHERE s.respondent_id = r.id
         AND (s.status = 'sending' OR (s.kind = 'remind' AND s.status = 'sent' AND s.finished_at > ?)))
     ORDER BY r.id`,
  )
  const withoutEmail = db.prepare<[string], { id: number }>(
    'SELECT id FROM respondents WHERE survey_id = ? AND email IS NULL ORDER BY id',
  )
  const unfinishedWithoutEmail = db.prepare<[string], { id: number }>(
    `SELECT r.id FROM respondents r WHERE r.survey_id = ? AND r.email IS NULL
       AND EXISTS (SELECT 1 FROM respondent_units u WHERE u.respondent_id = r.id AND u.submitted = 0)`,
  )
  const insertClaim = db.prepare(
    `INSERT INTO invitation_sends (respondent_id, kind, channel, status, user_id, claimed_at)
     VALUES (?, ?, 'email', 'sending', ?, ?)`,
  )
  const expire = db.prepare(
    `UPDATE invitation_sends SET status = 'failed', error = 'interrupted', finished_at = ?
     WHERE status = 'sending' AND claimed_at < ?`,
  )
  const finish = db.prepare(
    `UPDATE invitation_sends SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'sending'`,
  )
  const insertManual = db.prepare(
    `INSERT INTO invitation_sends (respondent_id, kind, channel, status, user_id, claimed_at, finished_at)
     SELECT id, 'invite', ?, 'sent', ?, ?, ? FROM respondents WHERE id = ? AND survey_id = ?
       AND NOT EXISTS (SELECT 1 FROM invitation_sends s WHERE s.respondent_id = respondents.id
         AND s.kind = 'invite' AND s.channel = ? AND s.status = 'sent')`,
  )
  const sendsOfSurvey = db.prepare<[string], SendRow>(
    `SELECT s.respondent_id AS respondentId, s.kind, s.channel, s.status, s.error, COALESCE(s.finished_at, s.claimed_at) AS at
     FROM invitation_sends s JOIN respondents r ON r.id = s.respondent_id WHERE r.survey_id = ? ORDER BY s.id`,
  )
  const textOf = db.prepare<[string, string], InvitationText>(
    'SELECT subject, body FROM invitation_texts WHERE survey_id = ? AND kind = ?',
  )
  const saveText = db.prepare(
    `INSERT INTO invitation_texts (survey_id, kind, subject, body, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (survey_id, kind) DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at`,
  )

  const audit = auditRepository(db)

  const due = (surveyId: string, kind: InvitationKind, now: Date) =>
    kind === 'invite'
      ? dueInvite.all(surveyId)
      : dueRemind.all(surveyId, new Date(now.getTime() - REMIND_GAP_MS).toISOString())

  return {
    /** Who a send would be for now, and how many it cannot reach (no e-mail). Changes nothing. */
    due(surveyId: string, kind: InvitationKind, now = new Date()): { ids: number[]; noEmail: number } {
      const noEmail = (kind === 'invite' ? withoutEmail : unfinishedWithoutEmail).all(surveyId).length
      return { ids: due(surveyId, kind, now).map((r) => r.id), noEmail }
    },
    /** Marks everyone due a mail 'sending' and returns the claims; another claim meanwhile gets none of them. */
    claim(surveyId: string, kind: InvitationKind, userId: number | null, now = new Date()): InvitationClaim[] {
      return db
        .transaction(() => {
          const at = now.toISOString()
          expire.run(at, new Date(now.getTime() - STALE_CLAIM_MS).toISOString())
          return due(surveyId, kind, now).map(({ id }) => ({
            sendId: Number(insertClaim.run(id, kind, userId, at).lastInsertRowid),
            respondentId: id,
          }))
        })
        .immediate()
    },
    /** Ends a claim with its audit entry, one transaction; false when it was no longer in flight. */
    finish: (claim: FinishedClaim, now = new Date()): boolean =>
      db.transaction(() => {
        const done = finish.run(claim.status, claim.error, now.toISOString(), claim.sendId).changes === 1
        audit.record(finishedEntry(claim), now)
        return done
      })(),
    /**
     * Records invitations handed over by hand (letters, messages), each with its audit entry, in
     * one transaction; the ids newly marked (a person who already had one by that channel is not).
     */
    handOver: (
      surveyId: string,
      ids: number[],
      channel: InvitationManualChannel,
      userId: number | null,
      now = new Date(),
    ): number[] =>
      db.transaction(() => {
        const at = now.toISOString()
        const newly = ids.filter((id) => insertManual.run(channel, userId, at, at, id, surveyId, channel).changes === 1)
        for (const id of newly) audit.record(handedOverEntry(surveyId, id, channel, userId), now)
        return newly
      })(),
    /** Per person: first invitation, last reminder, last refusal not followed by a delivered mail. */
    trails: (surveyId: string): Map<number, InvitationTrail> => foldTrails(sendsOfSurvey.all(surveyId)),
    /** The survey's own text of `kind`, or undefined when it uses the default. */
    text: (surveyId: string, kind: InvitationKind): InvitationText | undefined => textOf.get(surveyId, kind),
    /** Saves the survey's text of `kind` with its audit entry (the text before), one transaction. */
    saveText(
      surveyId: string,
      kind: InvitationKind,
      text: InvitationText,
      userId: number | null,
      now = new Date(),
    ): void {
      db.transaction(() => {
        const before = textOf.get(surveyId, kind) ?? null
        saveText.run(surveyId, kind, text.subject, text.body, now.toISOString())
        audit.record(textChangeEntry(surveyId, kind, before, text, userId), now)
      })()
    },
  }
}
export type InvitationsRepository = ReturnType<typeof invitationsRepository>
