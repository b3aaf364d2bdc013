import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { makeSurvey } from './fixtures.ts'
import { formatSurveyIssue, type SurveyIssue } from './issue.ts'
import { parseSurveyText, validateSurvey } from './validate.ts'

function issuesOf(result: ReturnType<typeof validateSurvey>): SurveyIssue[] {
  return result.ok ? [] : result.issues
}

describe('validateSurvey: shape', () => {
  it('names a missing key by its path', () => {
    const data: Record<string, unknown> = { ...makeSurvey() }
    delete data.surveyPoints
    const issues = issuesOf(validateSurvey(data))
    expect(issues).toEqual([{ path: 'surveyPoints', code: 'survey-required', params: {} }])
    expect(formatSurveyIssue(issues[0] as SurveyIssue, 'en')).toBe('surveyPoints is required but missing.')
  })

  it('reports every shape error at once with bracket paths', () => {
    const survey = makeSurvey()
    const data = {
      ...survey,
      dontKnow: 'skip',
      groups: [{ ...survey.groups[0], weight: 'one' }, survey.groups[1]],
      questions: [{ ...survey.questions[0], id: 'bad id!' }, ...survey.questions.slice(1)],
    }
    const issues = issuesOf(validateSurvey(data))
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'dontKnow',
          code: 'survey-invalid-choice',
          params: { value: 'skip', allowed: 'exclude, zero' },
        }),
        expect.objectContaining({
          path: 'groups[0].weight',
          code: 'survey-wrong-type',
          params: { expected: 'number', received: 'string' },
        }),
        expect.objectContaining({ path: 'questions[0].id', code: 'survey-invalid-id' }),
      ]),
    )
    expect(issues).toHaveLength(3)
  })

  it('explains an out-of-range number with its bound', () => {
    const issues = issuesOf(validateSurvey({ ...makeSurvey(), surveyPoints: 0 }))
    expect(issues).toEqual([
      { path: 'surveyPoints', code: 'survey-out-of-range', params: { bound: '> 0', value: '0' } },
    ])
    expect(formatSurveyIssue(issues[0] as SurveyIssue, 'en')).toBe(
      'surveyPoints is 0, outside the allowed range (must be > 0).',
    )
  })

  it('reports an empty list and an empty label with their paths', () => {
    const survey = makeSurvey()
    const data = { ...survey, units: [], title: { vi: ' ', en: 'x' } }
    expect(issuesOf(validateSurvey(data))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'units', code: 'survey-too-few-items', params: { minimum: 1 } }),
        expect.objectContaining({ path: 'title.vi', code: 'survey-empty-text' }),
      ]),
    )
  })

  it('rejects something that is not a mapping as a whole', () => {
    expect(issuesOf(validateSurvey([1, 2]))).toEqual([
      { path: '', code: 'survey-not-object', params: { received: 'array' } },
    ])
  })

  it('has a Vietnamese and an English text for every code it reports', () => {
    const issues = issuesOf(validateSurvey({ ...makeSurvey(), version: 0, dontKnow: 'x', groups: 'none' }))
    for (const issue of issues) {
      expect(formatSurveyIssue(issue, 'vi')).not.toContain(issue.code)
      expect(formatSurveyIssue(issue, 'en')).not.toContain(issue.code)
    }
  })
})

describe('parseSurveyText', () => {
  const yamlText = stringify(makeSurvey())

  it('reads a valid YAML survey', () => {
    expect(parseSurveyText(yamlText, 'surveys/test.yaml')).toMatchObject({
      ok: true,
      survey: { id: 'test-2025-district' },
    })
  })

  it('reads a valid JSON survey', () => {
    expect(parseSurveyText(JSON.stringify(makeSurvey()), 'test.json')).toMatchObject({ ok: true })
  })

  it('ignores a UTF-8 byte-order mark at the start of the file', () => {
    expect(parseSurveyText(`\uFEFF${yamlText}`, 'test.yml')).toMatchObject({ ok: true })
    expect(parseSurveyText(`\uFEFF${JSON.stringify(makeSurvey())}`, 'test.json')).toMatchObject({ ok: true })
  })

  it('reports a YAML syntax error with its line and column', () => {
    const text = 'id: x\nversion: 1\ngroups: [a, b\nunits: []\n'
    const result = parseSurveyText(text, 'broken.yaml')
    const [issue] = issuesOf(result)
    expect(issue).toMatchObject({ code: 'survey-syntax', params: { format: 'YAML', line: expect.any(Number) } })
    expect(formatSurveyIssue(issue as SurveyIssue, 'en', 'broken.yaml')).toMatch(
      /^broken\.yaml: YAML syntax error at line \d+, column \d+: /,
    )
  })

  it('points at the line of a duplicated YAML key', () => {
    const [issue] = issuesOf(parseSurveyText('id: x\nversion: 1\nid: y\n', 'dup.yaml'))
    expect(issue).toMatchObject({ code: 'survey-syntax', params: { line: 3, column: 1 } })
  })

  it('reports a JSON syntax error with its line', () => {
    const [issue] = issuesOf(parseSurveyText('{\n  "id": "x",\n  "version": 1,\n}\n', 'broken.json'))
    expect(issue).toMatchObject({ code: 'survey-syntax', params: { format: 'JSON', line: 4 } })
  })

  it('reports an unquoted numeric criterion id as a wrong type, not a crash', () => {
    const text = yamlText.replace(/criterion: "?1\.1"?/, 'criterion: 1.1')
    expect(issuesOf(parseSurveyText(text, 'x.yaml'))).toEqual([
      { path: 'questions[0].criterion', code: 'survey-wrong-type', params: { expected: 'string', received: 'number' } },
    ])
  })

  it('says so when a file is empty or has an unknown extension', () => {
    expect(issuesOf(parseSurveyText('\n# nothing yet\n', 'new.yaml'))).toEqual([
      { path: '', code: 'survey-empty', params: {} },
    ])
    expect(issuesOf(parseSurveyText('id: x', 'survey.txt'))[0]).toMatchObject({ code: 'survey-unknown-format' })
  })

  it('formats issues in Vietnamese too', () => {
    const survey = makeSurvey()
    const q = survey.questions[3]
    if (q) q.criterion = '9.9'
    const [issue] = issuesOf(validateSurvey(survey))
    expect(formatSurveyIssue(issue as SurveyIssue, 'vi', 'x.yaml')).toBe(
      'x.yaml: questions[3].criterion: tiêu chí "9.9" không có trong cây tiêu chí.',
    )
  })
})

describe('reserved ids', () => {
  it('refuses ids that every plain object already has, like "constructor"', () => {
    const survey = makeSurvey()
    const data = { ...survey, units: [{ ...survey.units[0], id: 'constructor' }, survey.units[1]] }
    expect(issuesOf(validateSurvey(data))).toEqual([
      { path: 'units[0].id', code: 'survey-reserved-id', params: { value: 'constructor' } },
    ])
  })
})

describe('unknown keys', () => {
  it('names a misspelt key instead of dropping it', () => {
    const data = JSON.parse(JSON.stringify(makeSurvey())) as Record<string, unknown>
    const criteria = data.criteria as { children: Record<string, unknown>[] }[]
    criteria[0]!.children[0]!.maxPoint = 10
    const result = validateSurvey(data)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const lines = result.issues.map((i) => formatSurveyIssue(i, 'en'))
    expect(lines).toContain(
      'criteria[0].children[0].maxPoint is not a key of the survey format (a misspelling?); see surveys/README.md.',
    )
  })
})
