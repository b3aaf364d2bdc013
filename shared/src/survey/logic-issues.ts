import { currentAt, referencesOf, type Expr } from '../expression/ast.ts'
import { parseExpression } from '../expression/parse.ts'
import { surveyIssue, type SurveyIssue } from './issue.ts'
import type { Survey } from './schema.ts'

type Key = 'relevant' | 'constraint'

/**
 * The expressions of every question: each parses (syntax errors with their column), names only
 * questions of the survey, uses `.` only in a constraint, and no question's relevance depends on
 * itself through other questions (a cycle could never be decided).
 */
export function checkLogic(survey: Survey): SurveyIssue[] {
  const ids = new Set(survey.questions.map((q) => q.id))
  const issues: SurveyIssue[] = []
  const dependsOn = new Map<string, string[]>()
  survey.questions.forEach((question, i) => {
    for (const key of ['relevant', 'constraint'] as const) {
      const source = question[key]
      if (source === undefined) continue
      const path = `questions[${i}].${key}`
      const parsed = parseExpression(source)
      if (!parsed.ok) {
        const { reason, at, detail } = parsed.error
        issues.push(
          at === undefined
            ? surveyIssue(path, 'survey-expression-unsupported', { reason, detail })
            : surveyIssue(path, 'survey-expression-syntax', { column: at + 1, detail }),
        )
        continue
      }
      issues.push(...checkNames(parsed.expr, ids, key, path))
      if (key === 'relevant') {
        dependsOn.set(
          question.id,
          referencesOf(parsed.expr)
            .map((r) => r.name)
            .filter((name) => ids.has(name)),
        )
      }
    }
  })
  return [...issues, ...cycles(survey, dependsOn)]
}

function checkNames(expr: Expr, ids: Set<string>, key: Key, path: string): SurveyIssue[] {
  const issues = referencesOf(expr)
    .filter((ref) => !ids.has(ref.name))
    .map((ref) => surveyIssue(path, 'survey-expression-unknown-question', { name: ref.name, column: ref.at + 1 }))
  const current = currentAt(expr)
  if (key === 'relevant' && current !== undefined) {
    issues.push(surveyIssue(path, 'survey-expression-current-in-relevant', { column: current + 1 }))
  }
  return issues
}

/** One issue per cycle of `relevant` references, at the question of the cycle that comes first. */
function cycles(survey: Survey, dependsOn: Map<string, string[]>): SurveyIssue[] {
  const state = new Map<string, 'open' | 'done'>()
  const found: string[][] = []
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return
    if (state.get(id) === 'open') {
      found.push([...trail.slice(trail.indexOf(id)), id])
      return
    }
    state.set(id, 'open')
    for (const next of dependsOn.get(id) ?? []) visit(next, [...trail, id])
    state.set(id, 'done')
  }
  for (const question of survey.questions) visit(question.id, [])
  const order = new Map(survey.questions.map((q, i) => [q.id, i]))
  return found.map((cycle) => {
    const first = Math.min(...cycle.map((id) => order.get(id) ?? 0))
    return surveyIssue(`questions[${first}].relevant`, 'survey-relevance-cycle', { cycle: cycle.join(' → ') })
  })
}
