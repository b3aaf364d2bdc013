import {
  DEFAULT_INVITATION_TEXTS,
  DomainError,
  formatDate,
  registerContact,
  renderInvitation,
  unitResolver,
  type InvitationKind,
  type InvitationMessage,
  type InvitationSendOutcome,
  type InvitationText,
  type Survey,
} from '@parsurvey/shared'
import { codeLink } from '../codes/place.ts'
import type { StoredRespondent } from '../db/respondents.ts'
import type { Services } from '../services.ts'
import { roundInForce } from '../survey/round.ts'
import { registerSurvey } from './import.ts'
import type { Mailer } from './mailer.ts'
import { personalCode } from './personal-code.ts'

/** The survey's text of `kind`: the admin's, else the default. */
export async function invitationText(services: Services, surveyId: string, kind: InvitationKind) {
  const own = await services.invitations.text(surveyId, kind)
  return { ...(own ?? DEFAULT_INVITATION_TEXTS[kind]), custom: own !== undefined }
}

/** The round's last day as `{deadline}` shows it (dd/mm/yyyy), '' without a round. */
export async function invitationDeadline(services: Services, survey: Survey): Promise<string> {
  const round = await roundInForce(services, survey)
  return round ? formatDate(round.closes) : ''
}

/** Everything a person's texts need: their link and the values of the placeholders. */
async function messageMaker(services: Services, survey: Survey, origin: string) {
  const deadline = await invitationDeadline(services, survey)
  const { ordered } = unitResolver(survey)
  const unitName = new Map(survey.units.map((u) => [u.id, u.name.vi]))
  return (person: StoredRespondent, text: InvitationText): InvitationMessage => {
    const code = personalCode(services, person)
    const link = codeLink(origin, code)
    const values = {
      name: person.name,
      position: person.position,
      link,
      deadline,
      units: ordered(person.units)
        .map((id) => unitName.get(id) ?? id)
        .join(', '),
    }
    const subject = renderInvitation(text.subject, values)
    return {
      ...registerContact(person),
      link,
      code,
      subject,
      text: renderInvitation(text.body, values),
    }
  }
}

/** The invitation of each person on the register, ready to copy, print or merge (admins only). */
export async function invitationMessages(
  services: Services,
  surveyId: string,
  origin: string,
): Promise<InvitationMessage[]> {
  const survey = await registerSurvey(services, surveyId)
  const make = await messageMaker(services, survey, origin)
  const text = await invitationText(services, survey.id, 'invite')
  return (await services.respondents.list(survey.id)).map((person) => make(person, text))
}

/**
 * Mails the invitation (or, with `remind`, the reminder) to everyone due one: claims them first
 * (db/invitations.ts), then mails one by one and records each outcome with its audit entry.
 * Without `mailer` (SMTP_URL unset) it refuses with 409 and a message pointing to the other channels.
 */
export async function sendInvitations(
  services: Services,
  mailer: Mailer | undefined,
  request: { surveyId: string; kind: InvitationKind; origin: string; userId: number | null; dryRun?: boolean },
): Promise<InvitationSendOutcome> {
  const survey = await registerSurvey(services, request.surveyId)
  const { kind } = request
  const outcome: InvitationSendOutcome = {
    surveyId: survey.id,
    kind,
    dryRun: request.dryRun === true,
    selected: 0,
    sent: 0,
    bounced: 0,
    failed: 0,
    noEmail: 0,
    failures: [],
  }
  const due = await services.invitations.due(survey.id, kind)
  outcome.noEmail = due.noEmail
  if (request.dryRun) return { ...outcome, selected: due.ids.length }
  if (!mailer) throw new DomainError('mail-not-configured', { status: 409 })
  const claims = await services.invitations.claim(survey.id, kind, request.userId)
  outcome.selected = claims.length
  const make = await messageMaker(services, survey, request.origin)
  const text = await invitationText(services, survey.id, kind)
  for (const { sendId, respondentId } of claims) {
    const person = (await services.respondents.get(respondentId))!
    let failure
    try {
      const message = make(person, text)
      failure = await mailer.send({ to: person.email!, subject: message.subject, text: message.text })
    } catch (err) {
      // Only a missing code key gets here: record it on the person and go on.
      failure = { status: 'failed' as const, error: err instanceof Error ? err.message : String(err) }
    }
    const status = failure?.status ?? 'sent'
    await services.invitations.finish({
      sendId,
      respondentId,
      surveyId: survey.id,
      kind,
      status,
      error: failure?.error ?? null,
      userId: request.userId,
    })
    outcome[status] += 1
    if (failure) outcome.failures.push({ respondentId, ...failure })
  }
  return outcome
}
