import type { z } from 'zod'
import { formatPath, surveyIssue, type SurveyIssue } from './issue.ts'

/**
 * Turns zod's shape errors into survey issues with catalogue codes, so an editor reads
 * "questions[2].groups needs at least 1 item" in their language rather than zod's English.
 * Unusual cases keep zod's own text as `{detail}`.
 */
export function shapeIssues(error: z.ZodError, data: unknown): SurveyIssue[] {
  return error.issues.map((issue) => toSurveyIssue(issue, data))
}

function toSurveyIssue(issue: z.core.$ZodIssue, data: unknown): SurveyIssue {
  const path = formatPath(issue.path)
  const value = valueAt(data, issue.path)
  if (path === '' && issue.code !== 'unrecognized_keys')
    return surveyIssue('', 'survey-not-object', { received: typeName(data) })
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? surveyIssue(path, 'survey-required')
        : surveyIssue(path, 'survey-wrong-type', { expected: issue.expected, received: typeName(value) })
    case 'too_small':
      if (issue.origin === 'array') return surveyIssue(path, 'survey-too-few-items', { minimum: Number(issue.minimum) })
      if (issue.origin === 'string') return surveyIssue(path, 'survey-empty-text')
      return surveyIssue(path, 'survey-out-of-range', {
        bound: `${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`,
        value: show(value),
      })
    case 'too_big':
      if (issue.origin === 'string')
        return surveyIssue(path, 'survey-text-too-long', { maximum: Number(issue.maximum) })
      if (issue.origin === 'array')
        return surveyIssue(path, 'survey-too-many-items', { maximum: Number(issue.maximum) })
      return surveyIssue(path, 'survey-out-of-range', {
        bound: `${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`,
        value: show(value),
      })
    case 'invalid_format':
      if (issue.format === 'regex') return surveyIssue(path, 'survey-invalid-id', { value: show(value) })
      if (issue.format === 'date') return surveyIssue(path, 'survey-invalid-date', { value: show(value) })
      return surveyIssue(path, 'survey-invalid-value', { value: show(value), detail: issue.message })
    case 'custom':
      if (issue.params?.reason === 'reserved-id') return surveyIssue(path, 'survey-reserved-id', { value: show(value) })
      return surveyIssue(path, 'survey-invalid-value', { value: show(value), detail: issue.message })
    case 'unrecognized_keys':
      // A misspelt key (`maxPoint`) would otherwise be dropped silently and surface as a confusing
      // later error; name it where it is.
      return surveyIssue(
        path === '' ? issue.keys.join(', ') : `${path}.${issue.keys.join(', ')}`,
        'survey-unknown-key',
        { keys: issue.keys.join(', ') },
      )
    case 'invalid_value':
      return surveyIssue(path, 'survey-invalid-choice', {
        value: show(value),
        allowed: issue.values.map(String).join(', '),
      })
    default:
      return surveyIssue(path, 'survey-invalid-value', { value: show(value), detail: issue.message })
  }
}

/** The value found by following `path` into `data`, or undefined when the path leads nowhere. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

export function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/** A short rendering of a bad value for a message line. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
