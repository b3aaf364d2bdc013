import {
  DomainError,
  INVITATION_BODY_MAX,
  INVITATION_CHANNELS,
  INVITATION_KINDS,
  INVITATION_SUBJECT_MAX,
  unknownPlaceholders,
  type InvitationChannel,
  type InvitationKind,
  type InvitationMessageList,
  type InvitationOverview,
  type InvitationSendOutcome,
  type InvitationsMarked,
  type InvitationTextReply,
} from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser, requireRole } from '../auth/middleware.ts'
import type { MailConfig } from '../config.ts'
import { csvCell } from '../export/csv.ts'
import type { AppEnv } from '../http/context.ts'
import { readJson, requireObject } from '../http/body.ts'
import { registerSurvey } from '../register/import.ts'
import { invitationOverview } from '../register/invitation-status.ts'
import { invitationMessages, sendInvitations } from '../register/invite.ts'
import type { Mailer } from '../register/mailer.ts'

const invalid = (field: string, code = 'invitation-field-invalid', params: Record<string, string | number> = {}) =>
  new DomainError(code, { status: 400, field, params: { field, ...params } })

function kindOf(value: unknown): InvitationKind {
  if (!INVITATION_KINDS.includes(value as InvitationKind)) throw invalid('kind')
  return value as InvitationKind
}

function textField(value: unknown, field: 'subject' | 'body', max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'invitation-text-empty')
  if (value.length > max) throw invalid(field, 'invitation-text-too-long', { max })
  const unknown = unknownPlaceholders(value)
  if (unknown.length > 0)
    throw invalid(field, 'invitation-placeholder-unknown', { names: unknown.map((n) => `{${n}}`).join(', ') })
  return value
}

/**
 * Sending, tracking and reminding for the respondent register (admins only: it names people and
 * holds their links). Mail goes through `mailer` when SMTP_URL is set; the ready messages, the
 * CSV and the letters work without it.
 */
export function invitationRoutes(mail: { config: MailConfig; mailer: Mailer } | undefined) {
  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .use(async (c, next) => {
      // Names, contacts and personal links must not linger in caches.
      c.header('Cache-Control', 'no-store')
      await next()
    })
    .get('/:surveyId', async (c) =>
      c.json(
        (await invitationOverview(
          c.get('services'),
          c.req.param('surveyId'),
          mail?.config,
        )) satisfies InvitationOverview,
      ),
    )
    .put('/:surveyId/texts/:kind', async (c) => {
      const services = c.get('services')
      const survey = await registerSurvey(services, c.req.param('surveyId'))
      const kind = kindOf(c.req.param('kind'))
      const body = requireObject(await readJson(c))
      const text = {
        subject: textField(body.subject, 'subject', INVITATION_SUBJECT_MAX),
        body: textField(body.body, 'body', INVITATION_BODY_MAX),
      }
      await services.invitations.saveText(survey.id, kind, text, currentUser(c).id)
      return c.json({ ...text, custom: true } satisfies InvitationTextReply)
    })
    .post('/:surveyId/send', async (c) => {
      const body = requireObject(await readJson(c))
      const outcome = await sendInvitations(c.get('services'), mail?.mailer, {
        surveyId: c.req.param('surveyId'),
        kind: kindOf(body.kind ?? 'invite'),
        dryRun: body.dryRun === true,
        origin: c.get('client').publicOrigin,
        userId: currentUser(c).id,
      })
      return c.json(outcome satisfies InvitationSendOutcome)
    })
    .get('/:surveyId/messages', async (c) =>
      c.json({
        messages: await invitationMessages(c.get('services'), c.req.param('surveyId'), c.get('client').publicOrigin),
      } satisfies InvitationMessageList),
    )
    .get('/:surveyId/invitations.csv', async (c) => {
      const surveyId = c.req.param('surveyId')
      const messages = await invitationMessages(c.get('services'), surveyId, c.get('client').publicOrigin)
      const rows = [
        ['name', 'position', 'organisation', 'group', 'email', 'phone', 'link', 'code', 'subject', 'message'],
      ]
      for (const m of messages)
        rows.push([
          m.name,
          m.position,
          m.organisation,
          m.groupId,
          m.email ?? '',
          m.phone ?? '',
          m.link,
          m.code,
          m.subject,
          m.text,
        ])
      // Names come from an imported file: csvCell neutralises what a spreadsheet would run as a formula.
      const csv = `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="invitations-${encodeURIComponent(surveyId)}.csv"`,
      })
    })
    .post('/:surveyId/mark', async (c) => {
      const services = c.get('services')
      const survey = await registerSurvey(services, c.req.param('surveyId'))
      const body = requireObject(await readJson(c))
      const channel = body.channel as InvitationChannel
      if (!INVITATION_CHANNELS.includes(channel) || channel === 'email') throw invalid('channel')
      const ids = body.ids
      if (!Array.isArray(ids) || ids.length > 10_000 || !ids.every((id) => Number.isSafeInteger(id)))
        throw invalid('ids')
      const userId = currentUser(c).id
      const marked = (await services.invitations.handOver(survey.id, ids as number[], channel, userId)).length
      return c.json({ marked } satisfies InvitationsMarked)
    })
}
