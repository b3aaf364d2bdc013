import {
  checkRegister,
  DomainError,
  type Locale,
  type RegisteredPerson,
  type RegisterPersonFields,
  type RegisterApplied,
  type RegisterPreview,
  type RegisterTable,
  type Survey,
} from '@parsurvey/shared'
import type { Services } from '../services.ts'
import { drawPersonalCode } from './personal-code.ts'

/** The newest published version of `surveyId`, whose groups and units a register is checked against; else 404. */
export function registerSurvey(services: Services, surveyId: string): Survey {
  const survey = services.sqlite.surveys.latest(surveyId)
  if (!survey)
    throw new DomainError('register-survey-not-found', { status: 404, field: 'surveyId', params: { id: surveyId } })
  return survey
}

/** The people on the register, as the check compares rows with them. */
export function registeredPeople(services: Services, surveyId: string): RegisteredPerson[] {
  return services.respondents.list(surveyId).map((p) => ({
    id: p.id,
    ...personFields(p),
    submittedUnits: p.unitStates.filter((s) => s.submitted).map((s) => s.unitId),
  }))
}

/** What the register holds about a person or a row, without anything else. */
export function personFields(p: RegisterPersonFields): RegisterPersonFields {
  const { name, position, organisation, groupId, email, phone, ownUnitId, units } = p
  return { name, position, organisation, groupId, email, phone, ownUnitId, units }
}

/** Checks a read register file against the survey and the current register; changes nothing. */
export function previewRegister(
  services: Services,
  surveyId: string,
  table: RegisterTable | { code: string; params: Record<string, string | number> },
  locale: Locale,
): RegisterPreview {
  const survey = registerSurvey(services, surveyId)
  return checkRegister(survey, table, registeredPeople(services, surveyId), locale)
}

/**
 * Applies a register file: checks it again inside one transaction (so nothing changed between the
 * check and the writes), adds new people with a personal code each, updates the others, and
 * records the import in the audit log (counts and file name; the register itself is the record).
 * Refused with 422 and the preview when any row has an error: nothing is applied then. Applied,
 * the preview comes back too, for its warnings.
 */
export function applyRegister(
  services: Services,
  surveyId: string,
  table: RegisterTable | { code: string; params: Record<string, string | number> },
  options: { userId: number | null; source: string; locale: Locale },
  now = new Date(),
): { applied: RegisterApplied; preview: RegisterPreview } | { refused: RegisterPreview } {
  const at = now.toISOString()
  return services.db.transaction(() => {
    const preview = previewRegister(services, surveyId, table, options.locale)
    if (!preview.ok) return { refused: preview }
    const applied: RegisterApplied = { surveyId, added: 0, updated: 0, unchanged: 0, total: 0 }
    for (const row of preview.rows) {
      const fields = personFields(row)
      if (row.action === 'new') {
        services.respondents.add(surveyId, fields, drawPersonalCode(services), at)
        applied.added++
      } else if (row.action === 'update') {
        services.respondents.change(row.respondentId!, fields, at)
        applied.updated++
      } else applied.unchanged++
    }
    applied.total = services.respondents.list(surveyId).length
    services.sqlite.audit.record(
      {
        userId: options.userId,
        action: 'register-import',
        target: surveyId,
        after: { source: options.source.slice(0, 200), ...applied },
      },
      now,
    )
    return { applied, preview }
  })()
}
