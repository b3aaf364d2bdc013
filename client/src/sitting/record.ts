import type { AnswerValue, RespondBody, SittingGrant } from '@parsurvey/shared'

/**
 * What this browser keeps of a sitting (a personal code of the respondent register, several units):
 * the grant last read from the server and, per unit, the answers with what reached the server.
 * The server's copy is the saved draft (`PUT …/units/<unitId>/draft`); this one survives a lost
 * network, a closed tab and a reload, and is pushed when the server can be reached again.
 */
export type SittingRecord = {
  /** The personal code, normalised (upper case, dashes): one record per code. */
  code: string
  grant: SittingGrant
  units: Record<string, SittingUnitRecord>
  /** When the grant was last read from the server (ISO with offset). */
  openedAt: string
}

/** The body a unit is sent with: reused as is on every retry, so a lost reply cannot make two responses. */
export type SittingOutgoing = RespondBody

export type SittingUnitRecord = {
  unitId: string
  answers: Record<string, AnswerValue>
  /** Counts every local change; `savedRevision` is the last one the server acknowledged as its draft. */
  revision: number
  savedRevision: number
  /** When the first answer of this unit was given here (or the sitting was opened with a server draft). */
  startedAt: string
  /** Set when the respondent asked to send the unit, until the server has it. */
  outgoing?: SittingOutgoing
  /** Set once the server holds the unit's response (its receipt time, or when the server said it was sent). */
  sentAt?: string
}

/** Local changes the server's draft does not have yet. */
export const unsaved = (unit: SittingUnitRecord): boolean => !unit.sentAt && unit.revision > unit.savedRevision

/**
 * The record to use after reading the grant: per unit, sent when the server says so (answers
 * dropped: they now live only as the anonymous response); else this browser's answers when they
 * hold changes the server has not acknowledged (the newer copy, pushed next), else the server's
 * draft (it may come from another device), else what this browser had.
 */
export function mergeSitting(
  code: string,
  grant: SittingGrant,
  local: SittingRecord | undefined,
  stamp: string,
): SittingRecord {
  const units: Record<string, SittingUnitRecord> = {}
  for (const unit of grant.units) {
    const mine = local?.units[unit.unitId]
    const base: SittingUnitRecord = mine ?? {
      unitId: unit.unitId,
      answers: {},
      revision: 0,
      savedRevision: 0,
      startedAt: stamp,
    }
    if (unit.submitted) {
      units[unit.unitId] = {
        ...base,
        answers: {},
        savedRevision: base.revision,
        sentAt: base.sentAt ?? stamp,
        outgoing: undefined,
      }
    } else if (mine && (unsaved(mine) || mine.outgoing)) {
      units[unit.unitId] = { ...mine, sentAt: undefined }
    } else if (unit.draft) {
      units[unit.unitId] = { ...base, answers: { ...unit.draft.answers }, savedRevision: base.revision }
    } else {
      units[unit.unitId] = { ...base, sentAt: undefined }
    }
  }
  return { code, grant, units, openedAt: stamp }
}
