import type { Response } from '../response/schema.ts'
import type { Survey } from '../survey/schema.ts'
import { emptyRows, type ScoringRows } from './rows.ts'
import { isSingleChoice } from '../survey/question-kind.ts'
import { isScored, optionScore, surveyIndex } from './survey-index.ts'

/**
 * The rows one response adds to the scoring state: one tally row, and for each non-blank choice
 * answer one option row plus, for a scored question, one cell row (count 1 or dontKnow 1).
 *
 * Blank answers (null or absent), free-text answers, unknown questions and values that are not an
 * option of their question add nothing: inputs are validated before they get here.
 *
 * A server keeps its aggregates equal to a rebuild from raw responses by applying these rows in
 * the transaction that stores the response (or merged, in a later fold that records how far it
 * has added: server/src/aggregates/folding.ts), one UPSERT per row, e.g.
 *   INSERT INTO score_cell (unit_id, group_id, question_id, count, sum, sum_sq, dont_know)
 *   VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, group_id, question_id) DO UPDATE SET
 *     count = count + excluded.count, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq,
 *     dont_know = dont_know + excluded.dont_know
 * and the same with the values negated (or `- excluded.x`) when the response is voided.
 * `stateFromRows` then rebuilds the state from those tables.
 */
export function responseContributions(survey: Survey, response: Response): ScoringRows {
  const { unitId, groupId } = response
  const rows = emptyRows()
  rows.tallies.push({ unitId, groupId, locationId: response.locationId ?? null, responses: 1 })
  const index = surveyIndex(survey)
  for (const [questionId, value] of Object.entries(response.answers)) {
    // Only single-choice answers (option values) count; other types are never tallied.
    if (typeof value !== 'string') continue
    const question = index.questions.get(questionId)
    if (!question || !isSingleChoice(question)) continue
    const option = index.options.get(questionId)?.get(value)
    if (!option) continue
    rows.options.push({ unitId, groupId, questionId, value, count: 1 })
    if (!isScored(question)) continue
    const score = optionScore(option)
    rows.cells.push(
      score === null
        ? { unitId, groupId, questionId, count: 0, sum: 0, sumSq: 0, dontKnow: 1 }
        : { unitId, groupId, questionId, count: 1, sum: score, sumSq: score * score, dontKnow: 0 },
    )
  }
  return rows
}
