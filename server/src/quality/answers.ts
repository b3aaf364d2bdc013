import { isScored, type Question, type Response, type Survey } from '@parsurvey/shared'

/** The scored questions of `survey` asked to `groupId`, in survey order. */
export function scoredQuestionsFor(survey: Survey, groupId: string): Question[] {
  return survey.questions.filter((q) => isScored(q) && q.groups.includes(groupId))
}

/**
 * The positions (0-based) of the options picked on the scored questions a response answered,
 * "don't know" included: ticking the same column down the page is the pattern we look for.
 */
export function pickedPositions(survey: Survey, response: Response): number[] {
  const positions: number[] = []
  for (const q of scoredQuestionsFor(survey, response.groupId)) {
    const value = response.answers[q.id]
    if (value === undefined || value === null) continue
    const index = q.options.findIndex((o) => o.value === value)
    if (index >= 0) positions.push(index)
  }
  return positions
}

/** The response's mean option score over its scored answers with a score; null when it has none. */
export function responseScore(survey: Survey, response: Response): number | null {
  let sum = 0
  let n = 0
  for (const q of scoredQuestionsFor(survey, response.groupId)) {
    const value = response.answers[q.id]
    const score = q.options.find((o) => o.value === value)?.score
    if (typeof score !== 'number') continue
    sum += score
    n += 1
  }
  return n === 0 ? null : sum / n
}

/** Interview length in milliseconds; null when a time is unreadable. */
export function durationMs(response: Response): number | null {
  const ms = Date.parse(response.submittedAt) - Date.parse(response.startedAt)
  return Number.isFinite(ms) ? ms : null
}
