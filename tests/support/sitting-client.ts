import { generateResponses, validateResponse, type SittingGrant } from '@parsurvey/shared'

/** The personal code in an invitation's text (`…/r/XXXX-XXXX-XXXX-XXXX`). */
export function codeInMail(text: string): string {
  const match = /\/r\/([A-Z0-9]{4}(?:-[A-Z0-9]{4}){3})/.exec(text)
  if (!match) throw new Error(`no personal link in:\n${text}`)
  return match[1]!
}

/**
 * Answers units of a person's sitting through `/api/respond/<code>` as their browser would: opens
 * the link, fills each unit with plausible answers for the person's group and sends it. Without
 * `unitIds`, every unit not sent yet. Returns the units sent.
 */
export async function answerSitting(baseUrl: string, code: string, unitIds?: string[]): Promise<string[]> {
  const opened = await fetch(`${baseUrl}/api/respond/${code}`)
  if (!opened.ok) throw new Error(`opening ${code}: ${opened.status} ${await opened.text()}`)
  const grant = (await opened.json()) as SittingGrant
  const todo = unitIds ?? grant.units.filter((u) => !u.submitted).map((u) => u.unitId)
  // Synthetic responses of the person's group that the server's own rules accept (none left blank).
  const complete = generateResponses(grant.survey, 5000, `sitting-${code}`)
  const answersFor = (unitId: string) => {
    for (let next = complete.next(); !next.done; next = complete.next()) {
      const candidate = { ...next.value, unitId, locationId: null, channel: 'online' as const, deviceId: 'online' }
      if (candidate.groupId === grant.groupId && validateResponse(grant.survey, candidate).ok) return candidate
    }
    throw new Error(`no complete synthetic response for group ${grant.groupId}`)
  }
  for (const unitId of todo) {
    const { id, answers, startedAt, submittedAt } = answersFor(unitId)
    const res = await fetch(`${baseUrl}/api/respond/${code}/units/${unitId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ id, answers, startedAt, submittedAt }),
    })
    if (res.status !== 201) throw new Error(`sending ${unitId}: ${res.status} ${await res.text()}`)
  }
  return todo
}
