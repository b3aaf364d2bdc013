import { formatMessage, type Locale } from '../errors/messages/index.ts'

/**
 * One problem found in a survey definition. `path` points into the file's data in the form
 * `questions[3].criterion` (empty for the file as a whole); `code` is a `survey-…` catalogue key.
 */
export type SurveyIssue = { path: string; code: string; params: Record<string, string | number> }

export type SurveyIssueParams = SurveyIssue['params']

export function surveyIssue(path: string, code: string, params: SurveyIssueParams = {}): SurveyIssue {
  return { path, code, params }
}

/**
 * A one-line message for people editing the file, e.g.
 * `surveys/x.yaml: questions[3].criterion "9.9" is not a leaf criterion`.
 */
export function formatSurveyIssue(issue: SurveyIssue, locale: Locale, fileName?: string): string {
  const params: SurveyIssueParams = { ...issue.params, path: issue.path }
  // A syntax error names its problem by key (`survey-syntax-<problem>`), said in the reader's language.
  if (typeof params.problem === 'string') params.problem = formatMessage(`survey-syntax-${params.problem}`, {}, locale)
  const message = formatMessage(issue.code, params, locale)
  return fileName ? `${fileName}: ${message}` : message
}

/** Turns a zod/JS path (`['questions', 3, 'criterion']`) into `questions[3].criterion`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}
