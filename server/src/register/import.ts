import {
  checkRegister,
  DomainError,
  type Locale,
  type RegisteredPerson,
  type RegisterPreview,
  type RegisterTable,
  type Survey,
} from '@parsurvey/shared'
import type { Services } from '../services.ts'
import { drawPersonalCode } from './personal-code.ts'
import { registeredPerson, type RegisterImportOutcome } from './register-people.ts'

/** The newest published version of `surveyId`, whose groups and units a register is checked against; else 404. */
export async function registerSurvey(services: Services, surveyId: string): Promise<Survey> {
  const survey = await services.surveys.latest(surveyId)
  if (!survey)
    throw new DomainError('register-survey-not-found', { status: 404, field: 'surveyId', params: { id: surveyId } })
  return survey
}

/** The people on the register, as the check compares rows with them. */
export async function registeredPeople(services: Services, surveyId: string): Promise<RegisteredPerson[]> {
  return (await services.respondents.list(surveyId)).map(registeredPerson)
}

/** Checks a read register file against the survey and the current register; changes nothing. */
export async function previewRegister(
  services: Services,
  surveyId: string,
  table: RegisterTable | { code: string; params: Record<string, string | number> },
  locale: Locale,
): Promise<RegisterPreview> {
  const survey = await registerSurvey(services, surveyId)
  return checkRegister(survey, table, await registeredPeople(services, surveyId), locale)
}

/**
 * Applies a register file: checks it again inside one transaction (so nothing changed between the
 * check and the writes), adds new people with a personal code each, updates the others, and
 * records the import in the audit log (counts and file name; the register itself is the record).
 * Refused with 422 and the preview when any row has an error: nothing is applied then. Applied,
 * the preview comes back too, for its warnings.
 */
export async function applyRegister(
  services: Services,
  surveyId: string,
  table: RegisterTable | { code: string; params: Record<string, string | number> },
  options: { userId: number | null; source: string; locale: Locale },
  now = new Date(),
): Promise<RegisterImportOutcome> {
  const survey = await registerSurvey(services, surveyId)
  return services.registerImports.apply(
    {
      surveyId,
      check: (people) => checkRegister(survey, table, people, options.locale),
      draw: () => drawPersonalCode(services),
      userId: options.userId,
      source: options.source,
    },
    now,
  )
}
