import { surveyIssue, type SurveyIssue } from './issue.ts'
import { hasOptions, isAnswerable, isSingleChoice } from './question-kind.ts'
import { isLeaf, type CriterionNode } from './criteria-tree.ts'
import type { Question, Survey } from './schema.ts'

/** The rules of one question: its groups, options, type-specific keys and scoring. */
export function checkQuestion(survey: Survey, nodes: CriterionNode[], question: Question, path: string): SurveyIssue[] {
  const issues: SurveyIssue[] = []
  const groupIds = new Set(survey.groups.map((g) => g.id))
  question.groups.forEach((groupId, i) => {
    if (!groupIds.has(groupId))
      issues.push(surveyIssue(`${path}.groups[${i}]`, 'survey-unknown-group', { id: groupId }))
  })
  issues.push(
    ...duplicates(
      question.options.map((o, i) => ({ id: o.value, path: `${path}.options[${i}].value` })),
      'survey-duplicate-option',
    ),
  )
  issues.push(...checkOptions(question, path), ...checkTypeKeys(question, path))
  if (question.criterion !== undefined) issues.push(...checkScoredQuestion(nodes, question, path))
  return issues
}

function checkOptions(question: Question, path: string): SurveyIssue[] {
  const { id, type, options } = question
  if (!hasOptions(question)) {
    return options.length > 0 ? [surveyIssue(`${path}.options`, 'survey-options-not-allowed', { id, type })] : []
  }
  const issues: SurveyIssue[] = []
  if (options.length < 2)
    issues.push(surveyIssue(`${path}.options`, 'survey-too-few-options', { id, count: options.length }))
  const others = options.flatMap((o, i) => (o.other === true ? [i] : []))
  for (const i of others.slice(1)) issues.push(surveyIssue(`${path}.options[${i}].other`, 'survey-other-twice', { id }))
  return issues
}

/** Keys that mean something for some types only, so a misplaced one is a mistake worth naming. */
function checkTypeKeys(question: Question, path: string): SurveyIssue[] {
  const { id, type } = question
  const issues: SurveyIssue[] = []
  const misplaced = (key: string) =>
    issues.push(surveyIssue(`${path}.${key}`, 'survey-key-not-for-type', { id, key, type }))
  if (type !== 'number') {
    for (const key of ['min', 'max', 'decimal'] as const) if (question[key] !== undefined) misplaced(key)
  } else if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
    issues.push(surveyIssue(`${path}.max`, 'survey-min-above-max', { id, min: question.min, max: question.max }))
  }
  if (!isAnswerable(question)) {
    if (question.required === true) misplaced('required')
    if (question.constraint !== undefined) misplaced('constraint')
  }
  if (question.constraintMessage !== undefined && question.constraint === undefined) {
    issues.push(surveyIssue(`${path}.constraintMessage`, 'survey-message-without-constraint', { id }))
  }
  return issues
}

function checkScoredQuestion(nodes: CriterionNode[], question: Question, path: string): SurveyIssue[] {
  const issues: SurveyIssue[] = []
  const id = question.criterion ?? ''
  const node = nodes.find(({ criterion }) => criterion.id === id)
  if (!node) issues.push(surveyIssue(`${path}.criterion`, 'survey-unknown-criterion', { id }))
  else if (!isLeaf(node.criterion)) issues.push(surveyIssue(`${path}.criterion`, 'survey-criterion-not-leaf', { id }))
  if (!isSingleChoice(question)) {
    issues.push(surveyIssue(`${path}.type`, 'survey-scored-not-choice', { id: question.id }))
    return issues
  }
  question.options.forEach((option, i) => {
    if (option.score === undefined) {
      issues.push(surveyIssue(`${path}.options[${i}].score`, 'survey-option-without-score', { value: option.value }))
    }
  })
  const allMarked = question.options.every((o) => o.score !== undefined)
  if (question.options.length > 0 && allMarked && question.options.every((o) => o.score === null)) {
    issues.push(surveyIssue(`${path}.options`, 'survey-no-scored-option', { id: question.id }))
  }
  return issues
}

/** One issue per repeated id, pointing at the repeat and naming where the id first appeared. */
export function duplicates(items: { id: string; path: string }[], code: string): SurveyIssue[] {
  const first = new Map<string, string>()
  const issues: SurveyIssue[] = []
  for (const { id, path } of items) {
    const seen = first.get(id)
    if (seen === undefined) first.set(id, path)
    else issues.push(surveyIssue(path, code, { id, first: seen }))
  }
  return issues
}
