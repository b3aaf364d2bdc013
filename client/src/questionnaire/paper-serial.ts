import { paperSerialKey } from '@parsurvey/shared'
import type { Draft, OutboxEntry } from '../storage/storage.ts'

/**
 * Whether a paper form with this serial was already keyed in on this device for this survey
 * (any version, any user, sent or not), by the rule the server's duplicate flag uses. Only a
 * warning: two surveyors may number forms alike, and a blocked entry would leave a paper form never
 * keyed in.
 */
export function serialAlreadyEntered(
  serial: string,
  surveyId: string,
  drafts: readonly Pick<Draft, 'surveyId' | 'paperSerial'>[],
  outbox: readonly Pick<OutboxEntry, 'response'>[],
): boolean {
  const wanted = paperSerialKey(serial)
  if (wanted === '') return false
  const same = (id: string, s: string | undefined) => id === surveyId && s !== undefined && paperSerialKey(s) === wanted
  return (
    drafts.some((d) => same(d.surveyId, d.paperSerial)) ||
    outbox.some((e) => same(e.response.surveyId, e.response.paperSerial))
  )
}
