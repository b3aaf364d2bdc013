import type { z } from 'zod'
import { formatPath } from '../survey/issue.ts'
import { RESERVED_IDS, type Group, type Survey, type Unit } from '../survey/schema.ts'
import { valueAt } from '../survey/shape-issues.ts'
import { fastValidResponse } from './fast-validate.ts'
import { RESPONSE_LIMITS, responseSchema, type Response } from './schema.ts'

/** Why a response was refused; `field` is a path like `answers.q3`, `code` a `response-…` catalogue key. */
export type ResponseIssue = { code: string; field: string; params: Record<string, string | number> }

export type ResponseValidation = { ok: true; response: Response } | { ok: false; issues: ResponseIssue[] }

/**
 * Checks one response against its survey: shape first, then that it refers to this survey's
 * unit, group, location, questions and options. The first issue is the main reason.
 *
 * Unanswered questions — even `required` ones — are NOT rejected here. The device enforces
 * required answers before submitting; by the time a response syncs it is a record of what was
 * collected, and refusing it would lose the other answers. Scoring simply ignores a blank.
 *
 * The returned `answers` has no prototype, so `answers[id]` for any id is the answer or undefined.
 */
export function validateResponse(survey: Survey, input: unknown): ResponseValidation {
  const fast = fastValidResponse(survey, input)
  return fast ? { ok: true, response: fast } : validateResponseFully(survey, input)
}

/** The same checks with zod alone, which also explain what is wrong (the fast path only says yes). */
export function validateResponseFully(survey: Survey, input: unknown): ResponseValidation {
  const reserved = reservedAnswerKeys(input)
  if (reserved.length > 0) return { ok: false, issues: reserved }
  const parsed = responseSchema.safeParse(input)
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => shapeIssue(i, input)) }
  const response = {
    ...parsed.data,
    answers: Object.assign(Object.create(null) as Response['answers'], parsed.data.answers),
  }
  const mismatch = surveyMismatch(survey, response)
  if (mismatch) return { ok: false, issues: [mismatch] }
  const issues = [...placeIssues(survey, response), ...answerIssues(survey, response), ...timeIssues(response)]
  return issues.length > 0 ? { ok: false, issues } : { ok: true, response }
}

function issue(code: string, field: string, params: ResponseIssue['params'] = {}): ResponseIssue {
  return { code, field, params: { field, ...params } }
}

/** Keys such as `__proto__` or `constructor` are refused before anything copies the answers. */
function reservedAnswerKeys(input: unknown): ResponseIssue[] {
  const answers = valueAt(input, ['answers'])
  if (answers === null || typeof answers !== 'object') return []
  return Object.keys(answers)
    .filter((key) => RESERVED_IDS.has(key))
    .map((key) => issue('response-reserved-answer-key', `answers.${key}`, { key }))
}

function shapeIssue(zodIssue: z.core.$ZodIssue, input: unknown): ResponseIssue {
  const field = formatPath(zodIssue.path)
  if (field === '') return issue('response-not-object', '')
  if (zodIssue.code === 'invalid_type' && valueAt(input, zodIssue.path) === undefined)
    return issue('response-required-field', field)
  return issue('response-invalid-field', field, { reason: zodIssue.message })
}

function surveyMismatch(survey: Survey, response: Response): ResponseIssue | undefined {
  if (response.surveyId !== survey.id) {
    return issue('response-survey-mismatch', 'surveyId', { expected: survey.id, received: response.surveyId })
  }
  if (response.surveyVersion !== survey.version) {
    return issue('response-survey-mismatch', 'surveyVersion', {
      expected: survey.version,
      received: response.surveyVersion,
    })
  }
  return undefined
}

/** Unit, group and location must exist, and the location must lie in the unit. */
function placeIssues(survey: Survey, response: Response): ResponseIssue[] {
  const issues: ResponseIssue[] = []
  const unit: Unit | undefined = survey.units.find((u) => u.id === response.unitId)
  const group: Group | undefined = survey.groups.find((g) => g.id === response.groupId)
  if (!unit) issues.push(issue('response-unknown-unit', 'unitId', { unitId: response.unitId }))
  if (!group) issues.push(issue('response-unknown-group', 'groupId', { groupId: response.groupId }))
  const { locationId } = response
  if (locationId !== null) {
    if (unit && !unit.locations.some((l) => l.id === locationId)) {
      issues.push(issue('response-unknown-location', 'locationId', { locationId, unitId: unit.id }))
    }
  } else if (group?.quotaPer === 'location') {
    issues.push(issue('response-location-required', 'locationId', { groupId: group.id }))
  }
  if (response.paperSerial !== undefined && response.channel !== 'paper') {
    issues.push(issue('response-serial-not-paper', 'paperSerial', { channel: response.channel }))
  }
  return issues
}

function answerIssues(survey: Survey, response: Response): ResponseIssue[] {
  const entries = Object.entries(response.answers)
  // Stops a crafted response from producing one issue per bogus key.
  if (entries.length > RESPONSE_LIMITS.answers) {
    return [issue('response-too-many-answers', 'answers', { count: entries.length, limit: RESPONSE_LIMITS.answers })]
  }
  const questions = new Map(survey.questions.map((q) => [q.id, q]))
  const groupKnown = survey.groups.some((g) => g.id === response.groupId)
  const issues: ResponseIssue[] = []
  for (const [questionId, answer] of entries) {
    const field = `answers.${questionId}`
    const question = questions.get(questionId)
    if (!question) {
      issues.push(issue('response-unknown-question', field, { questionId }))
      continue
    }
    if (groupKnown && !question.groups.includes(response.groupId)) {
      issues.push(issue('response-question-not-for-group', field, { questionId, groupId: response.groupId }))
      continue
    }
    if (answer === null) continue
    if (question.type === 'choice' && !question.options.some((o) => o.value === answer)) {
      issues.push(issue('response-unknown-option', field, { questionId, value: answer.slice(0, 100) }))
    }
  }
  return issues
}

function timeIssues(response: Response): ResponseIssue[] {
  if (Date.parse(response.submittedAt) >= Date.parse(response.startedAt)) return []
  return [
    issue('response-submitted-before-started', 'submittedAt', {
      startedAt: response.startedAt,
      submittedAt: response.submittedAt,
    }),
  ]
}
