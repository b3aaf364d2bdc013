import {
  addDays,
  DomainError,
  formatDate,
  roundClosed,
  roundSchema,
  vietnamDate,
  type Survey,
  type SurveyRound,
} from '@parsurvey/shared'
import type { SurveyRoundsRepository } from '../db/survey-rounds.ts'
import type { Services } from '../services.ts'

/** Days a demo round stays open after the first start (long enough to try everything out). */
export const DEMO_ROUND_DAYS = 90

/** The round in force for a survey: the one set in the app (`set`), else the survey file's, else none. */
const inForce = (set: SurveyRound | undefined, survey: Survey): SurveyRound | null => set ?? survey.round ?? null

/** The round in force for a survey, read through the rounds port (either engine). */
export async function roundInForce(services: Pick<Services, 'rounds'>, survey: Survey): Promise<SurveyRound | null> {
  return inForce(await services.rounds.get(survey.id), survey)
}

/**
 * `roundInForce` for the areas still on SQLite's synchronous repositories: pass `services.sqlite`.
 */
export function effectiveRound(
  repositories: { rounds: Pick<SurveyRoundsRepository, 'get'> },
  survey: Survey,
): SurveyRound | null {
  return inForce(repositories.rounds.get(survey.id), survey)
}

/** Reads `{ opens, closes }` (YYYY-MM-DD each, opens ≤ closes); errors name the field. */
export function readRound(body: Record<string, unknown>): SurveyRound {
  for (const field of ['opens', 'closes'] as const) {
    const value = body[field]
    if (value === undefined || value === null || value === '') throw new DomainError('required-field', { field })
    if (!roundSchema.shape[field].safeParse(value).success)
      throw new DomainError('round-invalid-date', { field, params: { value: String(value).slice(0, 40) } })
  }
  const round = { opens: body.opens as string, closes: body.closes as string }
  if (round.opens > round.closes)
    throw new DomainError('round-order', {
      field: 'closes',
      params: { opens: formatDate(round.opens), closes: formatDate(round.closes) },
    })
  return round
}

/**
 * Sets the round of every version of `surveyId`, with its audit entry (before and after) in the
 * same transaction (the rounds port: db/survey-rounds.ts, storage/survey-round-store.ts). 404
 * when no version of the survey is published.
 */
export async function setRound(
  services: Pick<Services, 'surveys' | 'rounds'>,
  surveyId: string,
  round: SurveyRound,
  userId: number | null,
  now = new Date(),
): Promise<SurveyRound> {
  const latest = await services.surveys.latest(surveyId)
  if (!latest)
    throw new DomainError('survey-id-not-found', { status: 404, field: 'surveyId', params: { id: surveyId } })
  await services.rounds.set(surveyId, round, userId, now, latest.round ?? null)
  return round
}

/**
 * On a fresh install, opens a round from today for each survey just published from the survey
 * folder whose file has no round or one already over, so that an admin can issue codes and
 * invitations at once whatever the date. A file whose round is still to come or under way keeps it.
 */
export async function openDemoRounds(
  services: Pick<Services, 'surveys' | 'rounds'>,
  published: Survey[],
  now = new Date(),
): Promise<SurveyRound[]> {
  const today = vietnamDate(now)
  const opened: SurveyRound[] = []
  for (const survey of published) {
    if ((await services.rounds.get(survey.id)) || (survey.round && !roundClosed(survey.round, now))) continue
    const round = { opens: today, closes: addDays(today, DEMO_ROUND_DAYS) }
    opened.push(await setRound(services, survey.id, round, null, now))
  }
  return opened
}
