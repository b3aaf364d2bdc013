import {
  canonicalJson,
  formatMessage,
  formatSurveyIssue,
  hasMessage,
  parseSurveyText,
  validateResponse,
  type Survey,
} from '@parsurvey/shared'
import { makeResponse, makeSurvey } from '@parsurvey/shared/testing'
import fc from 'fast-check'
import { anyJson, jsonText, mutated, type Json } from './fuzz-payloads.ts'

/**
 * Property-based fuzzing of the two parsers every byte from outside goes through: the survey
 * file parser and the response validator. Neither may throw; a refusal names catalogued issue
 * codes whose every message placeholder is filled; an acceptance is stable (validating the
 * result again gives the same canonical document).
 */
export type ParserFuzzStats = { cases: number; accepted: number; failures: string[] }

/** Placeholders of a catalogued message that `params` leaves unfilled (`given` are filled by the formatter). */
function unfilled(code: string, params: Record<string, string | number>, given: string[]): string[] {
  const template = formatMessage(code, {}, 'en')
  return [...template.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !(name in params) && !given.includes(name))
}

const yamlText = fc.oneof(
  // JSON is YAML 1.2 (flow style), so any JSON document is also a YAML one.
  anyJson.map(jsonText),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.constantFrom(
    // Alias expansion ("billion laughs"), anchors to themselves, custom tags, duplicate keys.
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'a: &a\n  b: *a',
    '!!js/function "function(){}"',
    'id: x\nid: y',
    `${'- '.repeat(2000)}x`,
    '{'.repeat(5000),
  ),
)

function surveyFiles(): fc.Arbitrary<{ text: string; fileName: string }> {
  const survey = makeSurvey() as unknown as Record<string, unknown>
  return fc.oneof(
    mutated(survey).map((doc) => ({ text: jsonText(doc), fileName: 'survey.json' })),
    mutated(survey).map((doc) => ({ text: jsonText(doc), fileName: 'survey.yaml' })),
    yamlText.map((text) => ({ text, fileName: 'survey.yml' })),
    fc
      .tuple(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom('survey.json', 'survey.txt', 'survey', '.yaml', 'a.YAML'),
      )
      .map(([text, fileName]) => ({ text, fileName })),
  )
}

function check(failures: string[], what: string, ok: boolean, detail: () => string): void {
  if (!ok && failures.length < 20) failures.push(`${what}: ${detail().slice(0, 600)}`)
}

export function fuzzParsers(options: { numRuns: number; seed: number }): ParserFuzzStats {
  const stats: ParserFuzzStats = { cases: 0, accepted: 0, failures: [] }
  const { failures } = stats

  fc.assert(
    fc.property(surveyFiles(), ({ text, fileName }) => {
      stats.cases++
      let result: ReturnType<typeof parseSurveyText>
      try {
        result = parseSurveyText(text, fileName)
      } catch (error) {
        check(failures, 'parseSurveyText threw', false, () => `${String(error)} on ${fileName}: ${text.slice(0, 200)}`)
        return
      }
      if (result.ok) {
        stats.accepted++
        const again = parseSurveyText(JSON.stringify(result.survey), 'again.json')
        check(
          failures,
          'an accepted survey does not validate again',
          again.ok && canonicalJson(again.survey) === canonicalJson(result.survey),
          () => text,
        )
        return
      }
      check(failures, 'a refused survey has no issue', result.issues.length > 0, () => text)
      for (const issue of result.issues) {
        check(failures, 'survey issue code not catalogued', hasMessage(issue.code), () => issue.code)
        check(
          failures,
          'survey issue message has unfilled placeholders',
          unfilled(issue.code, issue.params, ['path']).length === 0,
          () => JSON.stringify(issue),
        )
        for (const locale of ['vi', 'en'] as const)
          check(failures, 'empty survey issue message', formatSurveyIssue(issue, locale).trim() !== '', () =>
            JSON.stringify(issue),
          )
      }
    }),
    { numRuns: options.numRuns, seed: options.seed },
  )

  const survey: Survey = makeSurvey()
  const valid = makeResponse() as unknown as Record<string, unknown>
  const responses = fc.oneof({ weight: 4, arbitrary: mutated(valid) }, { weight: 1, arbitrary: anyJson })
  fc.assert(
    fc.property(responses, (doc: Json) => {
      stats.cases++
      const input = JSON.parse(jsonText(doc)) as unknown
      let result: ReturnType<typeof validateResponse>
      try {
        result = validateResponse(survey, input)
      } catch (error) {
        check(failures, 'validateResponse threw', false, () => `${String(error)} on ${jsonText(doc).slice(0, 300)}`)
        return
      }
      if (result.ok) {
        stats.accepted++
        const again = validateResponse(survey, JSON.parse(JSON.stringify(result.response)))
        check(
          failures,
          'an accepted response does not validate again',
          again.ok && canonicalJson(again.response) === canonicalJson(result.response),
          () => jsonText(doc),
        )
        check(
          failures,
          'an accepted response keeps an unknown or dangerous key',
          Object.keys(result.response).every((k) => k in valid || k === 'paperSerial'),
          () => jsonText(doc),
        )
        return
      }
      check(failures, 'a refused response has no issue', result.issues.length > 0, () => jsonText(doc))
      for (const issue of result.issues) {
        check(failures, 'response issue code not catalogued', hasMessage(issue.code), () => issue.code)
        check(failures, 'response issue without a field', typeof issue.field === 'string', () => JSON.stringify(issue))
        check(
          failures,
          'response issue message has unfilled placeholders',
          unfilled(issue.code, issue.params, ['field']).length === 0,
          () => JSON.stringify(issue),
        )
      }
    }),
    { numRuns: options.numRuns, seed: options.seed },
  )
  return stats
}
