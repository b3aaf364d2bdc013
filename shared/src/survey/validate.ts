import { LineCounter, parseDocument, type YAMLError } from 'yaml'
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
 * Invariants are skipped on a misshapen file because they would mostly repeat the shape errors,
 * except when the only shape errors are unknown keys: a misspelt `maxPoint` is then also shown
 * with what it leads to (a leaf without points, a points sum that no longer adds up).
 */
export function validateSurvey(data: unknown): SurveyValidation {
  const parsed = surveySchema.safeParse(data)
  if (!parsed.success) {
    const issues = shapeIssues(parsed.error, data)
    const unknown = parsed.error.issues.filter((i) => i.code === 'unrecognized_keys')
    if (unknown.length < parsed.error.issues.length) return { ok: false, issues }
    const without = surveySchema.safeParse(withoutKeys(data, unknown))
    return { ok: false, issues: without.success ? [...issues, ...checkSurveyInvariants(without.data)] : issues }
  }
  const issues = checkSurveyInvariants(parsed.data)
  return issues.length > 0 ? { ok: false, issues } : { ok: true, survey: parsed.data }
}

/** A copy of `data` without the keys zod did not recognise (the input itself is left as it is). */
function withoutKeys(data: unknown, unknown: { path: PropertyKey[]; keys: string[] }[]): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(data))
  for (const { path, keys } of unknown) {
    const holder = path.reduce<unknown>(
      (at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined),
      copy,
    )
    if (holder !== null && typeof holder === 'object')
      for (const key of keys) delete (holder as Record<string, unknown>)[key]
  }
  return copy
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
    // The parser often reports one mistake several ways on its line: the first says it best.
    const lines = new Map<number, SurveyIssue>()
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0])
      const params = {
        format: 'YAML',
        line,
        column: col,
        problem: yamlProblem(error),
        detail: firstLine(error.message),
      }
      if (!lines.has(line)) lines.set(line, surveyIssue('', 'survey-syntax', params))
    }
    return { ok: false, issues: [...lines.values()] }
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) }
  } catch (error) {
    const params = { format: 'YAML', problem: 'aliases', detail: messageOf(error) }
    return { ok: false, issues: [surveyIssue('', 'survey-syntax-no-position', params)] }
  }
}

function parseJson(text: string): ParsedText {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    const detail = messageOf(error)
    const position = /at position (\d+)/.exec(detail)?.[1]
    if (position === undefined)
      return {
        ok: false,
        issues: [surveyIssue('', 'survey-syntax-no-position', { format: 'JSON', problem: 'json', detail })],
      }
    const before = text.slice(0, Number(position)).split('\n')
    const line = before.length
    const column = (before.at(-1)?.length ?? 0) + 1
    return {
      ok: false,
      issues: [
        surveyIssue('', 'survey-syntax', { format: 'JSON', line, column, problem: 'json', detail: firstLine(detail) }),
      ],
    }
  }
}

/**
 * What went wrong, as a catalogue key (`survey-syntax-<problem>`): the parser's own text is
 * English, so the message an editor reads is ours, in their language.
 */
function yamlProblem(error: YAMLError): string {
  switch (error.code) {
    case 'BAD_INDENT':
      return 'indent'
    case 'TAB_AS_INDENT':
      return 'tab'
    case 'DUPLICATE_KEY':
      return 'duplicate-key'
    case 'MISSING_CHAR':
      return /quote/i.test(error.message) ? 'quote' : 'colon'
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'key-line'
    case 'MULTIPLE_DOCS':
      return 'documents'
    case 'UNEXPECTED_TOKEN':
    case 'BAD_SCALAR_START':
      return 'character'
    default:
      return 'other'
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}
