import type { Expr, Value } from '../expression/ast.ts'
import { holds } from '../expression/evaluate.ts'
import { parseExpression } from '../expression/parse.ts'
import { isAnswerable, OTHER_SUFFIX, type Answer } from '../survey/question-kind.ts'
import type { Question, Survey } from '../survey/schema.ts'

type CompiledQuestion = { question: Question; relevant?: Expr; constraint?: Expr }
type CompiledSurvey = { questions: Map<string, CompiledQuestion>; askedOf: Map<string, Question[]> }

const compiled = new WeakMap<Survey, CompiledSurvey>()

/** The survey's expressions parsed once per survey object (a valid survey's always parse). */
function compile(survey: Survey): CompiledSurvey {
  let hit = compiled.get(survey)
  if (!hit) {
    const questions = new Map<string, CompiledQuestion>()
    for (const question of survey.questions) {
      const entry: CompiledQuestion = { question }
      const relevant = question.relevant === undefined ? undefined : parseExpression(question.relevant)
      const constraint = question.constraint === undefined ? undefined : parseExpression(question.constraint)
      if (relevant?.ok) entry.relevant = relevant.expr
      if (constraint?.ok) entry.constraint = constraint.expr
      questions.set(question.id, entry)
    }
    const askedOf = new Map(survey.groups.map((g) => [g.id, survey.questions.filter((q) => q.groups.includes(g.id))]))
    hit = { questions, askedOf }
    compiled.set(survey, hit)
  }
  return hit
}

/** Whether any question of the survey asked of `groupId` has a relevant or a constraint. */
export function hasLogic(survey: Survey, groupId: string): boolean {
  return (compile(survey).askedOf.get(groupId) ?? []).some(
    (q) => q.relevant !== undefined || q.constraint !== undefined,
  )
}

/** The value `${q}` has in an expression (expression/README.md, "Values"). */
function valueOf(answer: Answer | undefined): Value {
  return answer === null || answer === undefined ? '' : answer
}

/** What an expression of one response sees; relevance is worked out on demand and remembered. */
export type ResponseLogic = {
  /** Whether the question is asked: of this group, and its `relevant` (if any) holds. */
  isRelevant(questionId: string): boolean
  /** Whether a non-blank answer satisfies the question's constraint (true without one). */
  meetsConstraint(questionId: string, answer: Answer): boolean
}

/**
 * The logic of one response to `survey` from `groupId` with `answers`. A question that is not
 * relevant counts as blank in every other expression, so clearing its answer (as the
 * questionnaire does) changes nothing else. Cycles are refused by the validator; here a question
 * met again while its own relevance is being decided counts as not relevant.
 */
export function responseLogic(
  survey: Survey,
  groupId: string,
  answers: Readonly<Record<string, Answer | undefined>>,
): ResponseLogic {
  const { questions, askedOf } = compile(survey)
  const asked = new Set((askedOf.get(groupId) ?? []).map((q) => q.id))
  const known = new Map<string, boolean>()
  const ref = (name: string): Value => (isRelevant(name) ? valueOf(answers[name]) : '')
  const isRelevant = (id: string): boolean => {
    const cached = known.get(id)
    if (cached !== undefined) return cached
    const entry = questions.get(id)
    if (!entry || !asked.has(id)) return false
    if (!entry.relevant) return true
    known.set(id, false)
    const result = holds(entry.relevant, { ref, current: '' })
    known.set(id, result)
    return result
  }
  return {
    isRelevant,
    meetsConstraint(id, answer) {
      const entry = questions.get(id)
      if (!entry?.constraint || !isAnswerable(entry.question)) return true
      return holds(entry.constraint, { ref, current: valueOf(answer) })
    },
  }
}

/**
 * The answers without those of questions that are not relevant (and their "other" texts): what
 * the questionnaire keeps after every change, and what a valid response holds.
 */
export function withoutIrrelevant<A extends Answer>(
  survey: Survey,
  groupId: string,
  answers: Readonly<Record<string, A>>,
): Record<string, A> {
  const logic = responseLogic(survey, groupId, answers)
  const kept: Record<string, A> = {}
  for (const [key, value] of Object.entries(answers)) {
    const questionId = key.endsWith(OTHER_SUFFIX) ? key.slice(0, -OTHER_SUFFIX.length) : key
    if (logic.isRelevant(questionId)) kept[key] = value
  }
  return kept
}
