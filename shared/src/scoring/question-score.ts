import type { Question, Survey } from '../survey/schema.ts'
import { cellMoments, type Moments } from './cell-stats.ts'
import { findCell, type ScoringState } from './state.ts'

/** One group's part in a question's score (docs/scoring.md, steps 1–2). */
export type GroupPart = {
  groupId: string
  weight: number
  moments: Moments
  /** m(u,g,q): mean score of the answers that count; null when there are none. */
  mean: number | null
  /** n ≥ minCell: the group counts for this question. */
  present: boolean
  /** weight / Σ weights of present groups; 0 when absent. */
  normalisedWeight: number
}

export type QuestionScore = {
  questionId: string
  /** s(u,q); null when no group is present. */
  score: number | null
  groups: GroupPart[]
}

/**
 * s(u,q) = Σ w·m / Σ w over the groups asked the question that reach their minCell.
 * Example: means 0.8 (w 2) and 0.5 (w 1) give (1.6 + 0.5) / 3 = 0.7.
 */
export function scoreQuestion(survey: Survey, state: ScoringState, unitId: string, question: Question): QuestionScore {
  const parts: GroupPart[] = []
  for (const group of survey.groups) {
    if (!question.groups.includes(group.id)) continue
    const moments = cellMoments(findCell(state, unitId, group.id, question.id), question, survey.dontKnow)
    const mean = moments.n > 0 ? moments.sum / moments.n : null
    parts.push({
      groupId: group.id,
      weight: group.weight,
      moments,
      mean,
      present: moments.n >= group.minCell,
      normalisedWeight: 0,
    })
  }
  let weighted = 0
  let weights = 0
  for (const part of parts) {
    if (!part.present || part.mean === null) continue
    weighted += part.weight * part.mean
    weights += part.weight
  }
  if (weights === 0) return { questionId: question.id, score: null, groups: parts }
  for (const part of parts) if (part.present) part.normalisedWeight = part.weight / weights
  return { questionId: question.id, score: weighted / weights, groups: parts }
}
