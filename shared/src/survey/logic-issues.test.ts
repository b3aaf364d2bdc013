import { describe, expect, it } from 'vitest'
import { makeTypedSurvey } from './fixtures-typed.ts'
import { formatSurveyIssue, type SurveyIssue } from './issue.ts'
import type { Question, Survey } from './schema.ts'
import { validateSurvey } from './validate.ts'

function issuesOf(survey: Survey): SurveyIssue[] {
  const result = validateSurvey(survey)
  return result.ok ? [] : result.issues
}

function question(survey: Survey, id: string): Question {
  const found = survey.questions.find((q) => q.id === id)
  if (!found) throw new Error(`fixture has no question ${id}`)
  return found
}

/** Each case breaks one rule of question types or expressions in the typed fixture. */
const cases: { rule: string; code: string; path: string; text: string; breakIt: (s: Survey) => void }[] = [
  {
    rule: 'a number, date, text or note has no options',
    code: 'survey-options-not-allowed',
    path: 'questions[10].options',
    text: 'type number takes no options',
    breakIt: (s) => void (question(s, 'visits').options = question(s, 'online').options),
  },
  {
    rule: 'at most one "other" option',
    code: 'survey-other-twice',
    path: 'questions[8].options[3].other',
    text: 'only one "other, specify" option',
    breakIt: (s) => void (question(s, 'ways').options[1]!.other = true),
  },
  {
    rule: 'min, max and decimal only on numbers',
    code: 'survey-key-not-for-type',
    path: 'questions[12].min',
    text: '"min" does not apply to question "visited-on" of type date',
    breakIt: (s) => void (question(s, 'visited-on').min = 1),
  },
  {
    rule: 'a note is never required',
    code: 'survey-key-not-for-type',
    path: 'questions[6].required',
    text: '"required" does not apply',
    breakIt: (s) => void (question(s, 'intro').required = true),
  },
  {
    rule: 'min is not above max',
    code: 'survey-min-above-max',
    path: 'questions[10].max',
    text: 'min (60) above max (50)',
    breakIt: (s) => void (question(s, 'visits').min = 60),
  },
  {
    rule: 'a constraint message needs a constraint',
    code: 'survey-message-without-constraint',
    path: 'questions[11].constraintMessage',
    text: 'no constraint',
    breakIt: (s) => void (question(s, 'fee').constraintMessage = { vi: 'Sai' }),
  },
  {
    rule: 'an expression parses',
    code: 'survey-expression-syntax',
    path: 'questions[9].relevant',
    text: 'syntax error at character 24',
    breakIt: (s) => void (question(s, 'satisfied').relevant = "selected(${ways}, 'web'"),
  },
  {
    rule: 'an expression stays inside the grammar',
    code: 'survey-expression-unsupported',
    path: 'questions[10].constraint',
    text: 'function string-length()',
    breakIt: (s) => void (question(s, 'visits').constraint = 'string-length(.) < 3'),
  },
  {
    rule: 'an expression names questions of the survey',
    code: 'survey-expression-unknown-question',
    path: 'questions[8].relevant',
    text: '"${onlin}" (character 1)',
    breakIt: (s) => void (question(s, 'ways').relevant = "${onlin} = 'yes'"),
  },
  {
    rule: '. is only in a constraint',
    code: 'survey-expression-current-in-relevant',
    path: 'questions[13].relevant',
    text: '(the answer being checked, character 1)',
    breakIt: (s) => void (question(s, 'why-not').relevant = ". = 'no'"),
  },
  {
    rule: 'relevant conditions do not go round in a circle',
    code: 'survey-relevance-cycle',
    path: 'questions[7].relevant',
    text: 'online → satisfied → ways → online',
    breakIt: (s) => void (question(s, 'online').relevant = "${satisfied} != 'no'"),
  },
]

describe('question types and expressions in a survey', () => {
  it('the typed fixture survey is valid', () => {
    expect(issuesOf(makeTypedSurvey())).toEqual([])
  })

  for (const { rule, code, path, text, breakIt } of cases) {
    it(`reports the path when the rule "${rule}" is broken`, () => {
      const survey = makeTypedSurvey()
      breakIt(survey)
      const issue = issuesOf(survey).find((i) => i.code === code)
      expect(issue).toMatchObject({ code, path })
      if (!issue) return
      expect(formatSurveyIssue(issue, 'en')).toContain(text)
      expect(formatSurveyIssue(issue, 'vi')).not.toMatch(
        /\{(path|name|column|detail|id|type|key|min|max|cycle|reason)\}/,
      )
    })
  }

  it('reports a question relevant on itself, and reads type single as the same survey as choice', () => {
    const survey = makeTypedSurvey()
    question(survey, 'visits').relevant = '${visits} > 1'
    expect(issuesOf(survey).map((i) => [i.code, i.params.cycle])).toEqual([
      ['survey-relevance-cycle', 'visits → visits'],
    ])
    const parsed = validateSurvey(
      JSON.parse(
        JSON.stringify({
          ...makeTypedSurvey(),
          questions: makeTypedSurvey()
            .questions.map(({ type: _, ...q }) => q)
            .filter((q) => q.options.length > 0 && !('relevant' in q) && !('constraint' in q)),
        }),
      ),
    )
    expect(parsed.ok && parsed.survey.questions.every((q) => q.type === 'choice')).toBe(true)
  })
})
