import type { RegisteredPerson, RegisterApplied, RegisterPersonFields, RegisterPreview } from '@parsurvey/shared'
import type { DrawCode } from '../db/access-codes.ts'
import type { StoredRespondent } from '../db/respondents.ts'

/** What the register holds about a person or a row, without anything else. */
export function personFields(p: RegisterPersonFields): RegisterPersonFields {
  const { name, position, organisation, groupId, email, phone, ownUnitId, units } = p
  return { name, position, organisation, groupId, email, phone, ownUnitId, units }
}

/** A person on the register as the check compares rows with them. */
export const registeredPerson = (p: StoredRespondent): RegisteredPerson => ({
  id: p.id,
  ...personFields(p),
  submittedUnits: p.unitStates.filter((s) => s.submitted).map((s) => s.unitId),
})

/**
 * An import of a register file, as its port applies it in one transaction: `check` compares the
 * file with the register as it is inside that transaction, `draw` gives each new person a code
 * (one repeating a personal or access code is drawn again by the port).
 */
export type RegisterImport = {
  surveyId: string
  check(people: RegisteredPerson[]): RegisterPreview
  draw: DrawCode
  userId: number | null
  /** The file's name, for the audit entry. */
  source: string
}

export type RegisterImportOutcome =
  { applied: RegisterApplied; preview: RegisterPreview } | { refused: RegisterPreview }

/** The import's audit entry: counts and the file name; the register itself is the record. */
export const importEntry = (request: RegisterImport, applied: RegisterApplied) => ({
  userId: request.userId,
  action: 'register-import' as const,
  target: request.surveyId,
  after: { source: request.source.slice(0, 200), ...applied },
})
