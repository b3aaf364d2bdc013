import {
  INVITATION_KINDS,
  invitationState,
  registerContact,
  type InvitationEntry,
  type InvitationOverview,
  type InvitationRate,
} from '@parsurvey/shared'
import type { MailConfig } from '../config.ts'
import type { Services } from '../services.ts'
import { registerSurvey } from './import.ts'
import { invitationDeadline, invitationText } from './invite.ts'
import { openedDay } from './opened-day.ts'

const emptyRate = (id: string): InvitationRate => ({
  id,
  people: 0,
  invited: 0,
  opened: 0,
  finished: 0,
  forms: 0,
  formsDone: 0,
})

/** Where each person on the register stands, and the response rates per group and unit (admins only). */
export async function invitationOverview(
  services: Services,
  surveyId: string,
  mail: MailConfig | undefined,
): Promise<InvitationOverview> {
  const survey = await registerSurvey(services, surveyId)
  const trails = await services.invitations.trails(survey.id)
  const byGroup = new Map(survey.groups.map((g) => [g.id, emptyRate(g.id)]))
  const byUnit = new Map(survey.units.map((u) => [u.id, emptyRate(u.id)]))
  const people: InvitationEntry[] = (await services.respondents.list(survey.id)).map((p) => {
    const trail = trails.get(p.id)
    const done = p.unitStates.filter((s) => s.submitted).length
    const fields = {
      invitedAt: trail?.invitedAt ?? null,
      invitedChannel: trail?.invitedChannel ?? null,
      handedOver: trail?.handedOver ?? [],
      remindedAt: trail?.remindedAt ?? null,
      openedOn: openedDay(p.openedAt),
      bouncedAt: trail?.bouncedAt ?? null,
      bounceError: trail?.bounceError ?? null,
    }
    const state = invitationState({ ...fields, done, total: p.unitStates.length })
    const rates = [byGroup.get(p.groupId), ...p.units.map((u) => byUnit.get(u))]
    for (const rate of rates) {
      if (!rate) continue
      rate.people += 1
      if (fields.invitedAt) rate.invited += 1
      if (fields.openedOn) rate.opened += 1
      if (state === 'finished') rate.finished += 1
    }
    const group = byGroup.get(p.groupId)
    for (const s of p.unitStates) {
      const unit = byUnit.get(s.unitId)
      for (const rate of [group, unit]) {
        if (!rate) continue
        rate.forms += 1
        if (s.submitted) rate.formsDone += 1
      }
    }
    return {
      ...registerContact(p),
      done,
      total: p.unitStates.length,
      state,
      ...fields,
    }
  })
  return {
    surveyId: survey.id,
    mail: { configured: mail !== undefined, from: mail?.from ?? null },
    deadline: await invitationDeadline(services, survey),
    texts: Object.fromEntries(
      await Promise.all(INVITATION_KINDS.map(async (k) => [k, await invitationText(services, survey.id, k)])),
    ) as InvitationOverview['texts'],
    people,
    byGroup: [...byGroup.values()].filter((r) => r.people > 0),
    byUnit: [...byUnit.values()].filter((r) => r.people > 0),
  }
}
