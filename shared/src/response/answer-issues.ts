import {
  isBlank,
  isRequired,
  isSingleChoice,
  otherAnswerKey,
  otherOption,
  OTHER_SUFFIX,
} from '../survey/question-kind.ts'
import type { Question, Survey } from '../survey/schema.ts'
import { responseLogic } from './logic.ts'
import { RESPONSE_LIMITS, type AnswerValue, type Response } from './schema.ts'

/** Why a response was refused; `field` is a path like `answers.q3`, `code` a `response-…` catalogue key. */
export type ResponseIssue = { code: string; field: string; params: Record<string, string | number> }

export function responseIssue(code: string, field: string, params: ResponseIssue['params'] = {}): ResponseIssue {
  return { code, field, params: { field, ...params } }
}

/**
 * The answers of a well-shaped response checked against its survey: every key is a question
 * asked of the group (or its "other" text), every value has its question's type, and then the
 * logic: no answer to a question that is not relevant, constraints hold, relevant required
 * questions are answered, a chosen "other" has its text. Paper responses may leave questions
 * blank (a surveyor keys what the respondent wrote and never invents an answer).
 */
export function answerIssues(survey: Survey, response: Response): ResponseIssue[] {
  const entries = Object.entries(response.answers)
  // Stops a crafted response from producing one issue per bogus key.
  if (entries.length > RESPONSE_LIMITS.answers) {
    return [
      responseIssue('response-too-many-answers', 'answers', { count: entries.length, limit: RESPONSE_LIMITS.answers }),
    ]
  }
  const questions = new Map(survey.questions.map((q) => [q.id, q]))
  const groupKnown = survey.groups.some((g) => g.id === response.groupId)
  const issues: ResponseIssue[] = []
  for (const [key, answer] of entries) {
    const field = `answers.${key}`
    const questionId = key.endsWith(OTHER_SUFFIX) ? key.slice(0, -OTHER_SUFFIX.length) : key
    const question = questions.get(questionId)
    if (!question) {
      issues.push(responseIssue('response-unknown-question', field, { questionId }))
    } else if (groupKnown && !question.groups.includes(response.groupId)) {
      issues.push(responseIssue('response-question-not-for-group', field, { questionId, groupId: response.groupId }))
    } else if (answer !== null) {
      const problem = key === questionId ? typeIssue(question, answer) : otherIssue(question, response, answer)
      if (problem) issues.push(responseIssue(problem.code, field, { questionId, ...problem.params }))
    }
  }
  if (issues.length > 0 || !groupKnown) return issues
  return logicIssues(survey, response)
}

type Problem = { code: string; params?: ResponseIssue['params'] }

function typeIssue(question: Question, answer: Exclude<AnswerValue, null>): Problem | undefined {
  const wrong = (expected: string): Problem => ({ code: 'response-wrong-type', params: { expected } })
  const unknown = (value: string): Problem => ({
    code: 'response-unknown-option',
    params: { value: value.slice(0, 100) },
  })
  const isOption = (value: string) => question.options.some((o) => o.value === value)
  switch (question.type) {
    case 'choice':
      if (typeof answer !== 'string') return wrong('option')
      return isOption(answer) ? undefined : unknown(answer)
    case 'multiple': {
      if (!Array.isArray(answer)) return wrong('options')
      const bad = answer.find((value) => !isOption(value))
      if (bad !== undefined) return unknown(bad)
      return new Set(answer).size === answer.length ? undefined : { code: 'response-repeated-option' }
    }
    case 'text':
      return typeof answer === 'string' ? undefined : wrong('text')
    case 'date':
      if (typeof answer !== 'string') return wrong('date')
      return isDate(answer) ? undefined : { code: 'response-invalid-date', params: { value: answer.slice(0, 100) } }
    case 'number':
      return typeof answer === 'number' ? numberIssue(question, answer) : wrong('number')
    case 'note':
      return { code: 'response-note-answered' }
    default:
      return question.type satisfies never
  }
}

function numberIssue(question: Question, answer: number): Problem | undefined {
  if (question.decimal !== true && !Number.isInteger(answer))
    return { code: 'response-not-whole', params: { value: answer } }
  const min = question.min ?? -Infinity
  const max = question.max ?? Infinity
  if (answer < min || answer > max) {
    return {
      code: 'response-out-of-range',
      params: { value: answer, min: question.min ?? '…', max: question.max ?? '…' },
    }
  }
  return undefined
}

/** `answers["q:other"]`: a text, only where the question has an "other" option and it is chosen. */
function otherIssue(question: Question, response: Response, answer: Exclude<AnswerValue, null>): Problem | undefined {
  if (typeof answer !== 'string') return { code: 'response-wrong-type', params: { expected: 'text' } }
  const other = otherOption(question)
  const chosen = response.answers[question.id]
  const picked = other !== undefined && (Array.isArray(chosen) ? chosen.includes(other.value) : chosen === other.value)
  return picked || isBlank(answer) ? undefined : { code: 'response-other-not-chosen' }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar day written YYYY-MM-DD. */
export function isDate(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1) return false
  const date = new Date(Date.UTC(2000, month - 1, day))
  date.setUTCFullYear(year)
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function logicIssues(survey: Survey, response: Response): ResponseIssue[] {
  const { answers } = response
  const logic = responseLogic(survey, response.groupId, answers)
  const mayLeaveBlank = response.channel === 'paper'
  const issues: ResponseIssue[] = []
  for (const question of survey.questions) {
    if (!question.groups.includes(response.groupId)) continue
    const answer = answers[question.id] ?? null
    const field = `answers.${question.id}`
    const params = { questionId: question.id }
    const blank = isBlank(answer)
    if (!logic.isRelevant(question.id)) {
      if (!blank || !isBlank(answers[otherAnswerKey(question.id)])) {
        issues.push(responseIssue('response-not-relevant', field, params))
      }
    } else if (blank) {
      if (!mayLeaveBlank && isRequired(question)) issues.push(responseIssue('response-required-blank', field, params))
    } else if (!logic.meetsConstraint(question.id, answer)) {
      const message = question.constraintMessage
      issues.push(
        responseIssue(message ? 'response-constraint-message' : 'response-constraint', field, {
          ...params,
          constraint: question.constraint ?? '',
          messageVi: message?.vi ?? '',
          messageEn: message?.en ?? message?.vi ?? '',
        }),
      )
    } else if (!mayLeaveBlank && otherChosenWithoutText(question, answer, answers)) {
      issues.push(responseIssue('response-other-blank', `answers.${otherAnswerKey(question.id)}`, params))
    }
  }
  return issues
}

function otherChosenWithoutText(question: Question, answer: AnswerValue, answers: Response['answers']): boolean {
  const other = otherOption(question)
  if (!other) return false
  const chosen = isSingleChoice(question)
    ? answer === other.value
    : Array.isArray(answer) && answer.includes(other.value)
  return chosen && isBlank(answers[otherAnswerKey(question.id)])
}
