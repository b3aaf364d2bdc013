import type { Criterion, Survey } from '../survey/schema.ts'
import { scoreQuestion, type QuestionScore } from './question-score.ts'
import type { ScoringState } from './state.ts'
import { surveyIndex } from './survey-index.ts'

export type LeafScore = {
  criterionId: string
  maxPoints: number
  /** f(u,c): mean of s(u,q) over the leaf's questions that have a score; 0 when none has. */
  fraction: number
  points: number
  /** No scored question of the leaf has a score (scored 0 under `missing: zero`). */
  insufficientData: boolean
  questions: QuestionScore[]
}

/** Leaf points of one unit, in tree order (docs/scoring.md, steps 1–4). */
export function scoreLeaves(survey: Survey, state: ScoringState, unitId: string): LeafScore[] {
  const index = surveyIndex(survey)
  return index.leaves.map((leaf) => scoreLeaf(survey, state, unitId, leaf, index.leafQuestions.get(leaf.id) ?? []))
}

function scoreLeaf(
  survey: Survey,
  state: ScoringState,
  unitId: string,
  leaf: Criterion,
  questions: Survey['questions'],
): LeafScore {
  const scores = questions.map((q) => scoreQuestion(survey, state, unitId, q))
  let total = 0
  let scored = 0
  for (const q of scores) {
    if (q.score === null) continue
    total += q.score
    scored += 1
  }
  const maxPoints = leaf.maxPoints ?? 0
  // `missing: zero` is the only rule the survey format allows: no data scores 0 and is flagged.
  const fraction = scored > 0 ? total / scored : 0
  return {
    criterionId: leaf.id,
    maxPoints,
    fraction,
    points: fraction * maxPoints,
    insufficientData: scored === 0,
    questions: scores,
  }
}
