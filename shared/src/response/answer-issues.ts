import {
  isBlank,
  isRequired,
  isSingleChoice,
  otherAnswerKey,
  otherOption,
  OTHER_SUFFIX,
} from '../survey/question-kind.ts'
import type { Question, Survey } from '../survey/schema.ts'
import { responseLogic, type ResponseLogic } from './logic.ts'
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
  const issues = draftAnswerIssues(survey, response.groupId, response.answers)
  if (issues.length > 0 || !survey.groups.some((g) => g.id === response.groupId)) return issues
  return logicIssues(survey, response)
}

/**
 * The answers of a questionnaire still being filled (a sitting's saved draft): the same keys and
 * types as a finished response, none of the logic (a draft may leave required questions blank).
 */
export function draftAnswerIssues(survey: Survey, groupId: string, answers: Response['answers']): ResponseIssue[] {
  const entries = Object.entries(answers)
  // Stops a crafted response from producing one issue per bogus key.
  if (entries.length > RESPONSE_LIMITS.answers) {
    return [
      responseIssue('response-too-many-answers', 'answers', { count: entries.length, limit: RESPONSE_LIMITS.answers }),
    ]
  }
  const questions = new Map(survey.questions.map((q) => [q.id, q]))
  const groupKnown = survey.groups.some((g) => g.id === groupId)
  const issues: ResponseIssue[] = []
  for (const [key, answer] of entries) {
    const field = `answers.${key}`
    const questionId = key.endsWith(OTHER_SUFFIX) ? key.slice(0, -OTHER_SUFFIX.length) : key
    const question = questions.get(questionId)
    if (!question) {
      issues.push(responseIssue('response-unknown-question', field, { questionId }))
    } else if (groupKnown && !question.groups.includes(groupId)) {
      issues.push(responseIssue('response-question-not-for-group', field, { questionId, groupId }))
    } else if (answer !== null) {
      const problem = key === questionId ? typeIssue(question, answer) : otherIssue(question, answers, answer)
      if (problem) issues.push(responseIssue(problem.code, field, { questionId, ...problem.params }))
    }
  }
  return issues
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
function otherIssue(
  question: Question,
  answers: Response['answers'],
  answer: Exclude<AnswerValue, null>,
): Problem | undefined {
  if (typeof answer !== 'string') return { code: 'response-wrong-type', params: { expected: 'text' } }
  const other = otherOption(question)
  const chosen = answers[question.id]
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
  const logic = responseLogic(survey, response.groupId, response.answers)
  const mayLeaveBlank = response.channel === 'paper'
  const issues: ResponseIssue[] = []
  for (const question of survey.questions) {
    if (!question.groups.includes(response.groupId)) continue
    const issue = logicIssue(question, response.answers, logic, mayLeaveBlank)
    if (issue) issues.push(issue)
  }
  return issues
}

/** The survey's logic for one question asked of the response's group (see `answerIssues`). */
function logicIssue(
  question: Question,
  answers: Response['answers'],
  logic: ResponseLogic,
  mayLeaveBlank: boolean,
): ResponseIssue | undefined {
  const answer = answers[question.id] ?? null
  const field = `answers.${question.id}`
  const params = { questionId: question.id }
  if (!logic.isRelevant(question.id)) {
    const answered = !isBlank(answer) || !isBlank(answers[otherAnswerKey(question.id)])
    return answered ? responseIssue('response-not-relevant', field, params) : undefined
  }
  if (isBlank(answer)) {
    return !mayLeaveBlank && isRequired(question) ? responseIssue('response-required-blank', field, params) : undefined
  }
  if (!logic.meetsConstraint(question.id, answer)) {
    const message = question.constraintMessage
    return responseIssue(message ? 'response-constraint-message' : 'response-constraint', field, {
      ...params,
      constraint: question.constraint ?? '',
      messageVi: message?.vi ?? '',
      messageEn: message?.en ?? message?.vi ?? '',
    })
  }
  if (!mayLeaveBlank && otherChosenWithoutText(question, answer, answers)) {
    return responseIssue('response-other-blank', `answers.${otherAnswerKey(question.id)}`, params)
  }
  return undefined
}

/**
 * What keeps the questionnaire on one question (relevant or not) of a response in progress: the
 * first issue `answerIssues` would find for it or its "other" text, so the screen and the server
 * apply one rule. `answers` may hold any question of the survey.
 */
export function questionIssue(
  survey: Survey,
  groupId: string,
  channel: Response['channel'],
  answers: Response['answers'],
  question: Question,
): ResponseIssue | undefined {
  const field = `answers.${question.id}`
  const checked: [string, AnswerValue | undefined][] = [
    [question.id, answers[question.id]],
    [otherAnswerKey(question.id), answers[otherAnswerKey(question.id)]],
  ]
  for (const [key, answer] of checked) {
    if (answer === null || answer === undefined) continue
    const problem = key === question.id ? typeIssue(question, answer) : otherIssue(question, answers, answer)
    if (problem)
      return responseIssue(problem.code, key === question.id ? field : `answers.${key}`, {
        questionId: question.id,
        ...problem.params,
      })
  }
  return logicIssue(question, answers, responseLogic(survey, groupId, answers), channel === 'paper')
}

function otherChosenWithoutText(question: Question, answer: AnswerValue, answers: Response['answers']): boolean {
  const other = otherOption(question)
  if (!other) return false
  const chosen = isSingleChoice(question)
    ? answer === other.value
    : Array.isArray(answer) && answer.includes(other.value)
  return chosen && isBlank(answers[otherAnswerKey(question.id)])
}
