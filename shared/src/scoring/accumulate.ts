import type { Response } from '../response/schema.ts'
import type { Survey } from '../survey/schema.ts'
import { responseContributions } from './contributions.ts'
import { applyRows } from './rows.ts'
import type { ScoringState } from './state.ts'

/** Adds one response to the state in place (blank answers ignored; see responseContributions). */
export function addResponse(state: ScoringState, survey: Survey, response: Response): void {
  applyRows(state, responseContributions(survey, response), 1)
}

/** Takes a previously added response back out (a void); the exact inverse of addResponse. */
export function removeResponse(state: ScoringState, survey: Survey, response: Response): void {
  applyRows(state, responseContributions(survey, response), -1)
}
