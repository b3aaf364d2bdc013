import { leafCriteria } from '../survey/criteria-tree.ts'
import { isScored } from '../survey/question-kind.ts'
import type { Criterion, Option, Question, Survey } from '../survey/schema.ts'

/** Lookups over one survey definition, built once per survey object and cached. */
export type SurveyIndex = {
  questions: Map<string, Question>
  /** question id → option value → option. */
  options: Map<string, Map<string, Option>>
  /** Leaves of the criteria tree, in tree order. */
  leaves: Criterion[]
  /** leaf id → the scored questions mapped to it, in survey order. */
  leafQuestions: Map<string, Question[]>
}

const cache = new WeakMap<Survey, SurveyIndex>()

export { isScored }

/** An option's score, with an omitted score read as null (it can only be omitted on unscored questions). */
export function optionScore(option: Option): number | null {
  return option.score ?? null
}

export function surveyIndex(survey: Survey): SurveyIndex {
  const cached = cache.get(survey)
  if (cached) return cached
  const questions = new Map<string, Question>()
  const options = new Map<string, Map<string, Option>>()
  for (const question of survey.questions) {
    questions.set(question.id, question)
    options.set(question.id, new Map(question.options.map((o) => [o.value, o])))
  }
  const leaves = leafCriteria(survey.criteria)
  const leafQuestions = new Map<string, Question[]>(leaves.map((leaf) => [leaf.id, []]))
  for (const question of survey.questions) {
    if (isScored(question)) leafQuestions.get(question.criterion ?? '')?.push(question)
  }
  const index = { questions, options, leaves, leafQuestions }
  cache.set(survey, index)
  return index
}
