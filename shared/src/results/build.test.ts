import { describe, expect, it } from 'vitest'
import { scoreSurvey } from '../scoring/score.ts'
import { response, stateOf } from '../scoring/test-support.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import type { Survey } from '../survey/schema.ts'
import { buildResultsPack } from './build.ts'
import { rankingChartSvg } from './chart.ts'

/*
 * makeSurvey(): domain 1 = leaves 1.1 (10) + 1.2 (6), domain 2 = leaf 2.1 (16); 32 survey points,
 * 68 self-assessment points. huyen-a answers 1.1 and 2.1 "good" (0.75) and nobody its 1.2;
 * huyen-b answers 1.2 "fair" (0.5) only.
 */
const answers = [
  response('huyen-a', 'leader', { q1: 'good', q3: 'good' }),
  response('huyen-b', 'leader', { q2: 'fair' }),
]

function pack(overrides: Partial<Survey> = {}) {
  const survey = makeSurvey(overrides)
  const state = stateOf(survey, answers)
  const adjustments = [
    { unitId: 'huyen-a', points: 1.5, reason: 'Sáng kiến' },
    { unitId: 'huyen-a', points: -0.25, reason: 'Chậm báo cáo' },
  ]
  const scores = scoreSurvey(survey, state, { selfAssessment: { 'huyen-a': 60, 'huyen-b': 50 }, adjustments })
  return buildResultsPack({
    survey,
    scores,
    state,
    selfDomains: { 'huyen-a': { 1: 40, 2: 20 } },
    adjustments,
    previous: { surveyId: 'x', surveyVersion: 1, units: [{ unitId: 'huyen-a', total: 80.5 } as never] },
  })
}

describe('the results pack', () => {
  it('splits the survey points by domain, adds self per domain, and gives %, class, last year and change', () => {
    const { rows, classCounts, classified, rankedByTotal } = pack()
    const a = rows.find((r) => r.unitId === 'huyen-a')!
    // zero: 7.5 + 0 + 12 = 19.5 survey points; 60 + 19.5 + 1.25 = 80.75 → tốt.
    expect(a).toMatchObject({
      name: 'Huyện A',
      rank: 1,
      surveyPoints: 19.5,
      adjustments: 1.25,
      total: 80.75,
      percent: 80.75,
      classification: 'tot',
      classificationLabel: 'Tốt',
      previousTotal: 80.5,
      change: 0.25,
      adjustmentItems: [
        { points: 1.5, reason: 'Sáng kiến' },
        { points: -0.25, reason: 'Chậm báo cáo' },
      ],
      rules: { zero: ['1.2'], 'province-mean': [], 'left-out': [], 'not-applicable': [] },
    })
    expect(a.domains).toEqual([
      { self: 40, survey: 7.5, total: 47.5 },
      { self: 20, survey: 12, total: 32 },
    ])
    expect(rows.find((r) => r.unitId === 'huyen-b')).toMatchObject({ previousTotal: null, change: null })
    expect(classCounts.map((c) => [c.label, c.count])).toEqual([
      ['Xuất sắc', 0],
      ['Tốt', 1],
      ['Khá', 0],
      ['Trung bình', 1],
      ['Yếu', 0],
    ])
    expect([classified, rankedByTotal]).toEqual([2, true])
  })

  it('shares rescaled survey points out over the domains so that they add up to them', () => {
    const { rows } = pack({ missing: 'rescale' })
    const a = rows.find((r) => r.unitId === 'huyen-a')!
    // (7.5 + 12) × 32 / 26 = 24: domain 1 gets 7.5 × 32/26 = 9.23, domain 2 12 × 32/26 = 14.77.
    expect(a.surveyPoints).toBe(24)
    expect(a.domains.map((d) => d.survey)).toEqual([9.23, 14.77])
    expect(a.rules['left-out']).toEqual(['1.2'])
  })

  it('names the province-mean fill and the exempted leaves per unit', () => {
    const survey = makeSurvey()
    const units = survey.units.map((u) => (u.id === 'huyen-b' ? { ...u, notApplicable: ['2.1'] } : u))
    const { rows, quality } = pack({ missing: 'province-mean', units })
    expect(rows.find((r) => r.unitId === 'huyen-a')!.rules['province-mean']).toEqual(['1.2'])
    expect(rows.find((r) => r.unitId === 'huyen-b')!.rules).toEqual({
      zero: [],
      'province-mean': ['1.1'],
      'left-out': [],
      'not-applicable': ['2.1'],
    })
    expect(quality).toMatchObject({ responses: 2, filledByMean: 2, insufficientLeaves: 2, unitsWithoutResponses: 0 })
  })

  it('finds the weakest criteria and the groups that differ, and draws the ranking', () => {
    const result = pack()
    expect(result.weakest.map((c) => [c.criterionId, c.meanFraction, c.units])).toEqual([
      ['1.2', 0.5, 1],
      ['1.1', 0.75, 1],
      ['2.1', 0.75, 1],
    ])
    const { svg, height } = rankingChartSvg(result)
    expect(svg).toContain('1. Huyện A')
    expect(svg).toContain('80,75')
    expect(height).toBeGreaterThan(60)
  })
})
