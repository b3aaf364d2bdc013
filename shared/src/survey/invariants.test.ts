import { describe, expect, it } from 'vitest'
import { makeSurvey, scoredOptions } from './fixtures.ts'
import { formatSurveyIssue, type SurveyIssue } from './issue.ts'
import type { Criterion, Question, Survey } from './schema.ts'
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

function criterion(survey: Survey, index: number): Criterion {
  const found = survey.criteria[index]
  if (!found) throw new Error(`fixture has no criterion ${index}`)
  return found
}

/** Each case breaks one rule in an otherwise valid survey (other issues may follow from it). */
const cases: { rule: string; code: string; path: string; text: string; breakIt: (s: Survey) => void }[] = [
  {
    rule: 'leaf maxPoints add up to surveyPoints',
    code: 'survey-points-sum',
    path: 'surveyPoints',
    text: 'add up to 31',
    breakIt: (s) => {
      s.criteria[1] = { ...criterion(s, 1), children: [{ id: '2.1', label: { vi: 'x', en: 'x' }, maxPoints: 15 }] }
      s.selfAssessmentPoints = 68
    },
  },
  {
    rule: 'surveyPoints + selfAssessmentPoints = 100',
    code: 'survey-points-total',
    path: 'selfAssessmentPoints',
    text: '= 99',
    breakIt: (s) => {
      s.selfAssessmentPoints = 67
    },
  },
  {
    rule: 'a leaf has maxPoints',
    code: 'survey-leaf-without-points',
    path: 'criteria[0].children[1].maxPoints',
    text: 'needs maxPoints',
    breakIt: (s) => {
      delete criterion(s, 0).children?.[1]?.maxPoints
    },
  },
  {
    rule: 'a parent has no maxPoints',
    code: 'survey-parent-with-points',
    path: 'criteria[1].maxPoints',
    text: 'must not have maxPoints',
    breakIt: (s) => {
      criterion(s, 1).maxPoints = 1
    },
  },
  {
    rule: 'criterion ids are unique across the tree',
    code: 'survey-duplicate-criterion',
    path: 'criteria[1].children[0].id',
    text: 'first at criteria[0].children[1].id',
    breakIt: (s) => {
      const leaf = criterion(s, 1).children?.[0]
      if (leaf) leaf.id = '1.2'
    },
  },
  {
    rule: 'group ids are unique',
    code: 'survey-duplicate-group',
    path: 'groups[1].id',
    text: 'group id "leader" is used twice',
    breakIt: (s) => {
      const g = s.groups[1]
      if (g) g.id = 'leader'
    },
  },
  {
    rule: 'unit ids are unique',
    code: 'survey-duplicate-unit',
    path: 'units[1].id',
    text: 'unit id "huyen-a"',
    breakIt: (s) => {
      const u = s.units[1]
      if (u) u.id = 'huyen-a'
    },
  },
  {
    rule: 'location ids are unique within a unit',
    code: 'survey-duplicate-location',
    path: 'units[0].locations[1].id',
    text: 'location id "xa-1"',
    breakIt: (s) => {
      const l = s.units[0]?.locations[1]
      if (l) l.id = 'xa-1'
    },
  },
  {
    rule: 'question ids are unique',
    code: 'survey-duplicate-question',
    path: 'questions[1].id',
    text: 'question id "q1"',
    breakIt: (s) => {
      question(s, 'q2').id = 'q1'
    },
  },
  {
    rule: 'option values are unique within a question',
    code: 'survey-duplicate-option',
    path: 'questions[0].options[1].value',
    text: 'option value "very-good"',
    breakIt: (s) => {
      const o = question(s, 'q1').options[1]
      if (o) o.value = 'very-good'
    },
  },
  {
    rule: "a question's criterion exists",
    code: 'survey-unknown-criterion',
    path: 'questions[3].criterion',
    text: '"9.9" is not a criterion',
    breakIt: (s) => {
      question(s, 'q4').criterion = '9.9'
      question(s, 'q3').criterion = '2.1'
    },
  },
  {
    rule: "a question's criterion is a leaf",
    code: 'survey-criterion-not-leaf',
    path: 'questions[3].criterion',
    text: 'questions[3].criterion "2" is not a leaf criterion',
    breakIt: (s) => {
      question(s, 'q4').criterion = '2'
    },
  },
  {
    rule: "a question's groups exist",
    code: 'survey-unknown-group',
    path: 'questions[0].groups[1]',
    text: '"business" is not a group',
    breakIt: (s) => {
      question(s, 'q1').groups = ['leader', 'business']
    },
  },
  {
    rule: 'a scored question is a choice question',
    code: 'survey-scored-not-choice',
    path: 'questions[1].type',
    text: 'must be a choice question',
    breakIt: (s) => {
      question(s, 'q2').type = 'text'
      question(s, 'q2').options = []
    },
  },
  {
    rule: 'a choice question has at least 2 options',
    code: 'survey-too-few-options',
    path: 'questions[1].options',
    text: 'needs at least 2 options (it has 1)',
    breakIt: (s) => {
      question(s, 'q2').options = scoredOptions().slice(0, 1)
    },
  },
  {
    rule: 'every option of a scored question has a score',
    code: 'survey-option-without-score',
    path: 'questions[0].options[2].score',
    text: 'option "fair"',
    breakIt: (s) => {
      delete question(s, 'q1').options[2]?.score
    },
  },
  {
    rule: 'a scored question has at least one non-null score',
    code: 'survey-no-scored-option',
    path: 'questions[0].options',
    text: 'at least one option with a score',
    breakIt: (s) => {
      question(s, 'q1').options = scoredOptions().map((o) => ({ ...o, score: null }))
    },
  },
  {
    rule: 'a text question has no options',
    code: 'survey-text-with-options',
    path: 'questions[5].options',
    text: 'must not have options',
    breakIt: (s) => {
      question(s, 'comment').options = scoredOptions()
    },
  },
  {
    rule: 'classification bounds go strictly down',
    code: 'survey-classification-order',
    path: 'classification[2].min',
    text: '80 is not below the previous 80',
    breakIt: (s) => {
      const b = s.classification[2]
      if (b) b.min = 80
    },
  },
  {
    rule: 'the last classification bound is 0',
    code: 'survey-classification-last',
    path: 'classification[4].min',
    text: 'it is 10',
    breakIt: (s) => {
      const b = s.classification[4]
      if (b) b.min = 10
    },
  },
  {
    rule: 'classification band ids are unique',
    code: 'survey-duplicate-band',
    path: 'classification[1].id',
    text: 'classification id "xuat-sac"',
    breakIt: (s) => {
      const b = s.classification[1]
      if (b) b.id = 'xuat-sac'
    },
  },
  {
    rule: 'a group with quotaPer location needs locations in every unit',
    code: 'survey-unit-without-locations',
    path: 'units[1].locations',
    text: 'unit "huyen-b" has no locations',
    breakIt: (s) => {
      const g = s.groups[1]
      if (g) g.quotaPer = 'location'
    },
  },
  {
    rule: 'a unit is exempted from leaves only',
    code: 'survey-not-applicable-not-leaf',
    path: 'units[0].notApplicable[1]',
    text: '"1" is not a leaf criterion',
    breakIt: (s) => {
      s.units[0]!.notApplicable = ['1.2', '1']
    },
  },
  {
    rule: 'a unit lists an exempted leaf once',
    code: 'survey-duplicate-not-applicable',
    path: 'units[1].notApplicable[1]',
    text: 'already listed at units[1].notApplicable[0]',
    breakIt: (s) => {
      s.units[1]!.notApplicable = ['2.1', '2.1']
    },
  },
  {
    rule: 'a unit keeps at least one leaf to score',
    code: 'survey-all-not-applicable',
    path: 'units[1].notApplicable',
    text: 'exempted from every criterion',
    breakIt: (s) => {
      s.units[1]!.notApplicable = ['2.1', '1.1', '1.2']
    },
  },
  {
    rule: 'every leaf criterion has a question',
    code: 'survey-leaf-without-questions',
    path: 'criteria[0].children[1]',
    text: 'leaf criterion "1.2"',
    breakIt: (s) => {
      question(s, 'q2').criterion = '1.1'
    },
  },
  {
    rule: 'every group is asked at least one question',
    code: 'survey-group-without-questions',
    path: 'groups[2]',
    text: 'group "business" is not asked',
    breakIt: (s) => {
      s.groups.push({
        id: 'business',
        label: { vi: 'Doanh nghiệp', en: 'Businesses' },
        weight: 1,
        minCell: 1,
        quota: 2,
        quotaPer: 'unit',
      })
    },
  },
  {
    rule: 'a survey round closes after it opens',
    code: 'survey-round-order',
    path: 'round.closes',
    text: 'closes (2025-01-01) before it opens (2025-03-01)',
    breakIt: (s) => {
      s.round = { opens: '2025-03-01', closes: '2025-01-01' }
    },
  },
]

describe('survey invariants', () => {
  it('the fixture survey is valid', () => {
    expect(issuesOf(makeSurvey())).toEqual([])
  })

  for (const { rule, code, path, text, breakIt } of cases) {
    it(`reports the path when the rule "${rule}" is broken`, () => {
      const survey = makeSurvey()
      breakIt(survey)
      const issues = issuesOf(survey)
      const issue = issues.find((i) => i.code === code)
      expect(issue).toMatchObject({ code, path })
      if (!issue) return
      const english = formatSurveyIssue(issue, 'en', 'surveys/x.yaml')
      expect(english).toContain(`surveys/x.yaml: ${path}`)
      expect(english).toContain(text)
      expect(formatSurveyIssue(issue, 'vi')).toContain(path)
    })
  }

  it('reports every broken rule at once, not only the first', () => {
    const survey = makeSurvey({ selfAssessmentPoints: 60 })
    question(survey, 'q4').criterion = '9.9'
    question(survey, 'q1').groups = ['leader', 'nobody']
    const band = survey.classification[4]
    if (band) band.min = 5
    const codes = issuesOf(survey).map((i) => i.code)
    expect(codes).toEqual(
      expect.arrayContaining([
        'survey-points-total',
        'survey-unknown-criterion',
        'survey-unknown-group',
        'survey-classification-last',
      ]),
    )
    expect(codes).toHaveLength(4)
  })

  it('accepts decimal leaf points whose float sum is off by rounding noise', () => {
    const survey = makeSurvey()
    criterion(survey, 1).children = [
      { id: '2.1', label: { vi: 'a', en: 'a' }, maxPoints: 0.1 },
      { id: '2.2', label: { vi: 'b', en: 'b' }, maxPoints: 0.2 },
      { id: '2.3', label: { vi: 'c', en: 'c' }, maxPoints: 15.7 },
    ]
    question(survey, 'q3').criterion = '2.2'
    survey.questions.push({ ...question(survey, 'q3'), id: 'q5', criterion: '2.3' })
    expect(issuesOf(survey)).toEqual([])
  })

  it('lets unscored choice questions omit option scores', () => {
    const survey = makeSurvey()
    expect(question(survey, 'age').options.every((o) => o.score === undefined)).toBe(true)
    expect(issuesOf(survey)).toEqual([])
  })

  it('validates a commune survey without any code knowing that unit kind', () => {
    const survey = makeSurvey({ id: 'par-2026-commune', unitKind: 'commune', year: 2026 })
    expect(validateSurvey(survey)).toMatchObject({ ok: true, survey: { unitKind: 'commune' } })
  })
})
