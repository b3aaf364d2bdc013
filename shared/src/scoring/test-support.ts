import type { Response } from '../response/schema.ts'
import type { Survey } from '../survey/schema.ts'
import { addResponse } from './accumulate.ts'
import { emptyState, type ScoringState } from './state.ts'

let serial = 0

/** A response about `unitId` from `groupId` with the given answers (test data only). */
export function response(
  unitId: string,
  groupId: string,
  answers: Record<string, string | null>,
  locationId: string | null = null,
): Response {
  serial += 1
  const id = `00000000-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`
  return {
    id,
    surveyId: 'test',
    surveyVersion: 1,
    unitId,
    groupId,
    locationId,
    channel: 'field',
    answers,
    startedAt: '2025-05-01T08:00:00+07:00',
    submittedAt: '2025-05-01T08:10:00+07:00',
    deviceId: 'device-1',
  }
}

/** `count` responses each answering `questionId` with `value`. */
export function many(
  count: number,
  unitId: string,
  groupId: string,
  questionId: string,
  value: string | null,
): Response[] {
  return Array.from({ length: count }, () => response(unitId, groupId, { [questionId]: value }))
}

export function stateOf(survey: Survey, responses: Response[]): ScoringState {
  const state = emptyState()
  for (const r of responses) addResponse(state, survey, r)
  return state
}
