import { LineCounter, parseDocument } from 'yaml'
import { checkSurveyInvariants } from './invariants.ts'
import { surveyIssue, type SurveyIssue } from './issue.ts'
import { surveySchema, type Survey } from './schema.ts'
import { shapeIssues, typeName } from './shape-issues.ts'

export { formatSurveyIssue, type SurveyIssue } from './issue.ts'
export { checkSurveyInvariants }

export type SurveyValidation = { ok: true; survey: Survey } | { ok: false; issues: SurveyIssue[] }

/**
 * Checks a survey definition: first its shape (schema.ts), then, when the shape is right, the
 * cross-field invariants. Every problem of the failing stage is reported, not just the first.
 * Invariants are skipped on a misshapen file because they would mostly repeat the shape errors.
 */
export function validateSurvey(data: unknown): SurveyValidation {
  const parsed = surveySchema.safeParse(data)
  if (!parsed.success) return { ok: false, issues: shapeIssues(parsed.error, data) }
  const issues = checkSurveyInvariants(parsed.data)
  return issues.length > 0 ? { ok: false, issues } : { ok: true, survey: parsed.data }
}

/**
 * Parses and validates the text of a survey file: YAML for `.yaml`/`.yml`, JSON for `.json`.
 * A UTF-8 byte-order mark (common from Windows editors) is ignored. Syntax errors become issues
 * with the line and column, never exceptions.
 */
export function parseSurveyText(text: string, fileName: string): SurveyValidation {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase()
  let data: ParsedText
  if (extension === 'yaml' || extension === 'yml') data = parseYaml(body)
  else if (extension === 'json') data = parseJson(body)
  else return { ok: false, issues: [surveyIssue('', 'survey-unknown-format', { fileName })] }
  if (!data.ok) return data
  if (data.value === null || data.value === undefined) return { ok: false, issues: [surveyIssue('', 'survey-empty')] }
  if (typeof data.value !== 'object' || Array.isArray(data.value)) {
    return { ok: false, issues: [surveyIssue('', 'survey-not-object', { received: typeName(data.value) })] }
  }
  return validateSurvey(data.value)
}

type ParsedText = { ok: true; value: unknown } | { ok: false; issues: SurveyIssue[] }

function parseYaml(text: string): ParsedText {
  const lineCounter = new LineCounter()
  // Plain YAML 1.2 core: no custom tags, duplicate keys are errors, aliases bounded.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0])
        return surveyIssue('', 'survey-syntax', { format: 'YAML', line, column: col, detail: firstLine(error.message) })
      }),
    }
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) }
  } catch (error) {
    return {
      ok: false,
      issues: [surveyIssue('', 'survey-syntax-no-position', { format: 'YAML', detail: messageOf(error) })],
    }
  }
}

function parseJson(text: string): ParsedText {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    const detail = messageOf(error)
    const position = /at position (\d+)/.exec(detail)?.[1]
    if (position === undefined)
      return { ok: false, issues: [surveyIssue('', 'survey-syntax-no-position', { format: 'JSON', detail })] }
    const before = text.slice(0, Number(position)).split('\n')
    const line = before.length
    const column = (before.at(-1)?.length ?? 0) + 1
    return {
      ok: false,
      issues: [surveyIssue('', 'survey-syntax', { format: 'JSON', line, column, detail: firstLine(detail) })],
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}
