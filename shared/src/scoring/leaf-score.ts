import type { Criterion, Survey } from '../survey/schema.ts'
import { scoreQuestion, type QuestionScore } from './question-score.ts'
import type { ScoringState } from './state.ts'
import { surveyIndex } from './survey-index.ts'

/** One leaf of one unit as the answers give it, before the survey's `missing` rule. */
export type LeafMeasure = {
  criterionId: string
  maxPoints: number
  /** f(u,c): mean of s(u,q) over the leaf's questions that have a score; null when none has. */
  fraction: number | null
  questions: QuestionScore[]
}

/** Leaf fractions of one unit from its answers, in tree order (docs/scoring.md, steps 1–3). */
export function measureLeaves(survey: Survey, state: ScoringState, unitId: string): LeafMeasure[] {
  const index = surveyIndex(survey)
  return index.leaves.map((leaf) => measureLeaf(survey, state, unitId, leaf, index.leafQuestions.get(leaf.id) ?? []))
}

function measureLeaf(
  survey: Survey,
  state: ScoringState,
  unitId: string,
  leaf: Criterion,
  questions: Survey['questions'],
): LeafMeasure {
  const scores = questions.map((q) => scoreQuestion(survey, state, unitId, q))
  let total = 0
  let scored = 0
  for (const q of scores) {
    if (q.score === null) continue
    total += q.score
    scored += 1
  }
  return {
    criterionId: leaf.id,
    maxPoints: leaf.maxPoints ?? 0,
    fraction: scored > 0 ? total / scored : null,
    questions: scores,
  }
}
