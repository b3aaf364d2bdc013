import type { z } from 'zod'
import { formatPath } from '../survey/issue.ts'
import { RESERVED_IDS, type Group, type Survey, type Unit } from '../survey/schema.ts'
import { valueAt } from '../survey/shape-issues.ts'
import { answerIssues, responseIssue as issue, type ResponseIssue } from './answer-issues.ts'
import { fastValidResponse } from './fast-validate.ts'
import { responseSchema, type Response } from './schema.ts'

export type { ResponseIssue } from './answer-issues.ts'

export type ResponseValidation = { ok: true; response: Response } | { ok: false; issues: ResponseIssue[] }

/**
 * Checks one response against its survey: shape first, then that it refers to this survey's
 * unit, group, location, questions and options, that each answer has its question's type, and
 * the logic (answer-issues.ts: relevance, constraints, required questions when relevant). The
 * first issue is the main reason. Times need only be well formed: a device clock that jumped
 * (submitted before started, a date in 2030) never costs a response; the data-quality review
 * flags such times instead (server/src/quality/implausible-times.ts). The questionnaire applies the same rules before it lets a
 * response be finished, so a device never holds a finished response the server refuses.
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
  const issues = [...placeIssues(survey, response), ...answerIssues(survey, response)]
  return issues.length > 0 ? { ok: false, issues } : { ok: true, response }
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
