import { describe, expect, it } from 'vitest'
import { makeSurvey, scoredOptions } from '../survey/fixtures.ts'
import type { Group, Survey } from '../survey/schema.ts'
import { explainUnit } from './explain.ts'
import { scoreSurvey } from './score.ts'
import { many, response, stateOf } from './test-support.ts'

const label = { vi: 'Nhãn', en: 'Label' }
const group = (id: string, weight = 1, minCell = 1): Group => ({
  id,
  label,
  weight,
  minCell,
  quota: 5,
  quotaPer: 'unit',
})

/** One leaf "1.1" (max 2) with one question q1 asked of the given groups. */
function oneLeafSurvey(groups: Group[], overrides: Partial<Survey> = {}): Survey {
  return makeSurvey({
    groups,
    criteria: [{ id: '1', label, children: [{ id: '1.1', label, maxPoints: 2 }] }],
    questions: [
      {
        id: 'q1',
        criterion: '1.1',
        groups: groups.map((g) => g.id),
        text: label,
        type: 'choice',
        options: scoredOptions(),
      },
    ],
    ...overrides,
  })
}

const unitA = (survey: Survey, responses: Parameters<typeof stateOf>[1], self?: Record<string, number>) => {
  const scores = scoreSurvey(survey, stateOf(survey, responses), self ? { selfAssessment: self } : {})
  const unit = scores.units.find((u) => u.unitId === 'huyen-a')
  if (!unit) throw new Error('huyen-a missing')
  return unit
}

describe('scoreSurvey: the worked example of docs/scoring.md', () => {
  const survey = oneLeafSurvey([
    group('delegate'),
    group('department-leader'),
    group('citizen', 1, 5),
    group('commune-leader'),
  ])
  // A "somewhat" option worth 0.25 gives the citizens their odd quarter.
  survey.questions[0]?.options.splice(3, 0, { value: 'somewhat', label, score: 0.25 })
  const responses = [
    // delegates n=4: 1 + 1 + 0.75 + 0.5 = 3.25 → mean 0.8125 = 13/16
    ...many(2, 'huyen-a', 'delegate', 'q1', 'very-good'),
    ...many(1, 'huyen-a', 'delegate', 'q1', 'good'),
    ...many(1, 'huyen-a', 'delegate', 'q1', 'fair'),
    // department leaders n=6: 1 + 1 + 4 × 0.5 = 4 → mean 2/3 ≈ 0.6667
    ...many(2, 'huyen-a', 'department-leader', 'q1', 'very-good'),
    ...many(4, 'huyen-a', 'department-leader', 'q1', 'fair'),
    // citizens n=58: 30×1 + 10×0.75 + 9×0.5 + 8×0 = 42 (+ 1 × 0.25 below) = 42.25 → mean 169/232 ≈ 0.7284,
    // plus 3 don't-knows that `dontKnow: exclude` leaves out
    ...many(30, 'huyen-a', 'citizen', 'q1', 'very-good'),
    ...many(10, 'huyen-a', 'citizen', 'q1', 'good'),
    ...many(9, 'huyen-a', 'citizen', 'q1', 'fair'),
    ...many(1, 'huyen-a', 'citizen', 'q1', 'somewhat'),
    ...many(8, 'huyen-a', 'citizen', 'q1', 'poor'),
    ...many(3, 'huyen-a', 'citizen', 'q1', 'dont-know'),
    // commune leaders: no responses → absent
  ]

  it('scores s = 0.7359, 1.4717 points, published 1.47', () => {
    // s = (13/16 + 2/3 + 169/232) / 3 = (1131 + 928 + 1014) / 1392 / 3 = 3073/4176 = 0.73587164…
    // points = 2 × 3073/4176 = 3073/2088 = 1.47174329…
    const unit = unitA(survey, responses)
    expect(unit.criteria['1.1']).toBeCloseTo(3073 / 2088, 9)
    expect(unit.surveyPoints).toBeCloseTo(1.4717432950191571, 12)
    expect(unit.surveyPointsRounded).toBe(1.47)
    expect(unit.responses).toBe(4 + 6 + 58 + 3)
    expect(unit.flags).toEqual([])
  })

  it("shows each group's n and mean, and the commune leaders absent", () => {
    const q1 = explainUnit(survey, stateOf(survey, responses), 'huyen-a').questions[0]
    expect(q1?.groups.map((g) => [g.groupId, g.n, g.present])).toEqual([
      ['delegate', 4, true],
      ['department-leader', 6, true],
      ['citizen', 58, true],
      ['commune-leader', 0, false],
    ])
    expect(q1?.groups.map((g) => g.mean)).toEqual([0.8125, 4 / 6, 42.25 / 58, null])
    expect(q1?.score).toBeCloseTo(3073 / 4176, 12)
    expect(q1?.dontKnowRate).toBe(3 / 71)
  })
})

describe('scoreSurvey: the rules one by one', () => {
  const twoGroups = [group('leader'), group('citizen')]

  it("excludes don't-knows under `exclude` and counts them as 0 under `zero`", () => {
    // answers 1, 0.5, dk, dk: exclude → 1.5/2 = 0.75 → 1.5 points; zero → 1.5/4 = 0.375 → 0.75 points
    const answers = (s: Survey) =>
      [
        response('huyen-a', 'leader', { q1: 'very-good' }),
        response('huyen-a', 'leader', { q1: 'fair' }),
        ...many(2, 'huyen-a', 'leader', 'q1', 'dont-know'),
      ].map((r) => ({ ...r, surveyId: s.id }))
    const exclude = oneLeafSurvey([group('leader')], { dontKnow: 'exclude' })
    const zero = oneLeafSurvey([group('leader')], { dontKnow: 'zero' })
    expect(unitA(exclude, answers(exclude)).surveyPoints).toBe(1.5)
    expect(unitA(zero, answers(zero)).surveyPoints).toBe(0.75)
  })

  it('leaves a group below its minCell out of the question score', () => {
    const survey = oneLeafSurvey([group('leader'), group('citizen', 1, 5)])
    const leader = response('huyen-a', 'leader', { q1: 'very-good' })
    const fourCitizens = many(4, 'huyen-a', 'citizen', 'q1', 'poor')
    // citizens n=4 < 5: s = leaders' mean 1 → 2 points
    expect(unitA(survey, [leader, ...fourCitizens]).surveyPoints).toBe(2)
    // a fifth citizen makes them present: s = (1 + 0) / 2 → 1 point
    expect(unitA(survey, [leader, ...fourCitizens, ...many(1, 'huyen-a', 'citizen', 'q1', 'poor')]).surveyPoints).toBe(
      1,
    )
  })

  it('renormalises unequal weights over the groups present', () => {
    const survey = oneLeafSurvey([group('leader', 3), group('citizen', 1), group('business', 4, 3)])
    // leader mean 1 (w 3), citizen mean 0.5 (w 1), business n=1 < 3 absent (w 4 dropped):
    // s = (3×1 + 1×0.5) / (3+1) = 0.875 → 1.75 points
    const responses = [
      response('huyen-a', 'leader', { q1: 'very-good' }),
      response('huyen-a', 'citizen', { q1: 'fair' }),
      response('huyen-a', 'business', { q1: 'poor' }),
    ]
    expect(unitA(survey, responses).surveyPoints).toBe(1.75)
  })

  it('ignores blank answers but counts the response', () => {
    const survey = oneLeafSurvey(twoGroups)
    const responses = [
      response('huyen-a', 'leader', { q1: 'good' }),
      response('huyen-a', 'leader', { q1: null }),
      response('huyen-a', 'leader', {}),
    ]
    const unit = unitA(survey, responses)
    expect(unit.surveyPoints).toBe(1.5)
    expect(unit.responses).toBe(3)
  })

  it('scores a leaf without data 0 and flags it, keeping the other leaves', () => {
    const survey = makeSurvey()
    // only q1 (leaf 1.1, 10 points) is answered: 1.2 and 2.1 have no data
    const unit = unitA(survey, [response('huyen-a', 'leader', { q1: 'good' })])
    expect(unit.criteria).toEqual({ '1.1': 7.5, '1.2': 0, '2.1': 0 })
    expect(unit.surveyPoints).toBe(7.5)
    expect(unit.flags).toEqual(['insufficient-data:1.2', 'insufficient-data:2.1'])
  })

  it('averages a leaf over its questions that have a score, ignoring those without', () => {
    const survey = makeSurvey()
    // leaf 2.1 (16 points): q3 leader 1 → s=1; q4 citizen n=1 < minCell 2 → no score; f = 1
    const unit = unitA(survey, [
      response('huyen-a', 'leader', { q3: 'very-good' }),
      response('huyen-a', 'citizen', { q4: 'poor' }),
    ])
    expect(unit.criteria['2.1']).toBe(16)
    // with two citizens q4 scores 0: f = (1 + 0) / 2 → 8 points
    const more = unitA(survey, [
      response('huyen-a', 'leader', { q3: 'very-good' }),
      ...many(2, 'huyen-a', 'citizen', 'q4', 'poor'),
    ])
    expect(more.criteria['2.1']).toBe(8)
  })

  it('ignores unscored questions and values that are not options', () => {
    const survey = makeSurvey()
    const unit = unitA(survey, [response('huyen-a', 'leader', { q1: 'excellent', age: 'under-35', comment: 'tốt' })])
    expect(unit.surveyPoints).toBe(0)
    expect(unit.flags).toContain('insufficient-data:1.1')
  })

  it('adds the self-assessment, rounds the total once and classifies on the rounded total', () => {
    const survey = oneLeafSurvey([group('leader')])
    // 1 point of survey + 78.995 self = 79.995 → published 80.00 → "tot"
    const unit = unitA(survey, [response('huyen-a', 'leader', { q1: 'fair' })], { 'huyen-a': 78.995 })
    expect(unit.selfAssessment).toBe(78.995)
    expect(unit.total).toBe(80)
    expect(unit.classification).toBe('tot')
  })

  it('leaves total and classification null without a self-assessment', () => {
    const unit = unitA(oneLeafSurvey([group('leader')]), [response('huyen-a', 'leader', { q1: 'fair' })])
    expect([unit.selfAssessment, unit.total, unit.classification]).toEqual([null, null, null])
  })

  it('takes the self-assessment from a Map as well as a record', () => {
    const survey = oneLeafSurvey([group('leader')])
    const state = stateOf(survey, [response('huyen-a', 'leader', { q1: 'fair' })])
    const fromMap = scoreSurvey(survey, state, { selfAssessment: new Map([['huyen-a', 60]]) })
    expect(fromMap.units.find((u) => u.unitId === 'huyen-a')?.total).toBe(61)
  })

  it('lists every unit of the survey with the output fields in contract order', () => {
    const scores = scoreSurvey(makeSurvey(), stateOf(makeSurvey(), []))
    expect(scores.surveyId).toBe('test-2025-district')
    expect(scores.units.map((u) => u.unitId)).toEqual(['huyen-a', 'huyen-b'])
    expect(Object.keys(scores.units[0] ?? {})).toEqual([
      'unitId',
      'responses',
      'surveyPoints',
      'surveyPointsRounded',
      'selfAssessment',
      'adjustments',
      'total',
      'classification',
      'rank',
      'criteria',
      'flags',
    ])
  })
})
