import type { Draft, OutboxEntry } from '../storage/storage.ts'

/** Serials are typed from paper: case, spaces and dashes vary, the number does not. */
export function normaliseSerial(serial: string): string {
  return serial
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_./]+/g, '')
}

/**
 * Whether a paper form with this serial was already keyed in on this device for this survey
 * (any version, any user, sent or not). Only a warning: two surveyors may number forms alike,
 * and a blocked entry would leave a paper form never keyed in.
 */
export function serialAlreadyEntered(
  serial: string,
  surveyId: string,
  drafts: readonly Pick<Draft, 'surveyId' | 'paperSerial'>[],
  outbox: readonly Pick<OutboxEntry, 'response'>[],
): boolean {
  const wanted = normaliseSerial(serial)
  if (wanted === '') return false
  const same = (id: string, s: string | undefined) =>
    id === surveyId && s !== undefined && normaliseSerial(s) === wanted
  return (
    drafts.some((d) => same(d.surveyId, d.paperSerial)) ||
    outbox.some((e) => same(e.response.surveyId, e.response.paperSerial))
  )
}
