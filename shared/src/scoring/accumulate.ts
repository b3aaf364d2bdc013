import type { Response } from '../response/schema.ts'
import type { Survey } from '../survey/schema.ts'
import { responseContributions } from './contributions.ts'
import { applyRows } from './rows.ts'
import { emptyCell, groupState, type ScoringState } from './state.ts'
import { isSingleChoice } from '../survey/question-kind.ts'
import { isScored, optionScore, surveyIndex } from './survey-index.ts'

/**
 * Adds one response to the state in place (blank answers ignored; see responseContributions).
 * The same arithmetic as `applyRows(state, responseContributions(survey, response), 1)`, bit for
 * bit (accumulate.test.ts), without building the rows: this is the inner loop of the CLI's
 * scoring and of a rebuild, a million times over.
 */
export function addResponse(state: ScoringState, survey: Survey, response: Response): void {
  const index = surveyIndex(survey)
  const group = groupState(state, response.unitId, response.groupId)
  const locationId = response.locationId ?? null
  const responses = (group.responses.get(locationId) ?? 0) + 1
  if (responses === 0) group.responses.delete(locationId)
  else group.responses.set(locationId, responses)
  const answers = response.answers
  for (const questionId in answers) {
    const value = answers[questionId]
    // Only single-choice answers (option values) count; other types are never tallied.
    if (typeof value !== 'string') continue
    const question = index.questions.get(questionId)
    if (!question || !isSingleChoice(question)) continue
    const option = index.options.get(questionId)?.get(value)
    if (!option) continue
    let cell = group.cells.get(questionId)
    if (!cell) {
      cell = emptyCell()
      group.cells.set(questionId, cell)
    }
    if (isScored(question)) {
      const score = optionScore(option)
      if (score === null) {
        cell.dontKnow += 1
        if (cell.count === 0) cell.sum = cell.sumSq = 0
      } else {
        cell.count += 1
        cell.sum = cell.count === 0 ? 0 : cell.sum + score
        cell.sumSq = cell.count === 0 ? 0 : cell.sumSq + score * score
      }
    }
    const next = (Object.hasOwn(cell.options, value) ? (cell.options[value] ?? 0) : 0) + 1
    if (next === 0) delete cell.options[value]
    else cell.options[value] = next
  }
}

/** Takes a previously added response back out (a void); the exact inverse of addResponse. */
export function removeResponse(state: ScoringState, survey: Survey, response: Response): void {
  applyRows(state, responseContributions(survey, response), -1)
}
