import { describe, expect, it } from 'vitest'
import { scoreSurvey } from '../scoring/score.ts'
import { response, stateOf } from '../scoring/test-support.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import { buildResultsPack } from './build.ts'
import { buildScorecards } from './scorecard.ts'

/*
 * makeSurvey(): domain 1 = leaves 1.1 (10, q1) + 1.2 (6, q2, leaders only), domain 2 = leaf 2.1
 * (16, q3 and q4). Leaders' minCell is 1, citizens' 2. huyen-a: two leaders (q1 good; q3 good
 * and poor) → 1.1 = 7.5, 1.2 no answers (0), 2.1 = 6; huyen-b: one leader, q2 fair → 1.2 = 3.
 */
function cards(only?: string) {
  const survey = makeSurvey()
  const state = stateOf(survey, [
    response('huyen-a', 'leader', { q1: 'good', q3: 'good' }),
    response('huyen-a', 'leader', { q3: 'poor' }),
    response('huyen-b', 'leader', { q2: 'fair' }),
  ])
  const adjustments = [{ unitId: 'huyen-a', points: -0.5, reason: 'Chậm báo cáo' }]
  const scores = scoreSurvey(survey, state, { selfAssessment: { 'huyen-a': 60, 'huyen-b': 50 }, adjustments })
  const pack = buildResultsPack({ survey, scores, state, adjustments })
  return buildScorecards(pack, { survey, scores, state }, only)
}

describe('scorecards (one page per unit)', () => {
  it('gives the unit’s figures and its domains against the province average', () => {
    const all = cards()
    expect(all.ranked).toBe(2)
    expect(all.cards.map((c) => c.row.unitId)).toEqual(['huyen-a', 'huyen-b'])
    const a = all.cards[0]!
    expect(a.row).toMatchObject({ rank: 1, surveyPoints: 13.5, adjustments: -0.5, total: 73 })
    expect(a.row.adjustmentItems).toEqual([{ unitId: 'huyen-a', points: -0.5, reason: 'Chậm báo cáo' }])
    expect(a.domains).toEqual([
      { id: '1', label: 'Thủ tục hành chính', max: 16, points: 7.5, province: 5.25 },
      { id: '2', label: 'Hiện đại hóa hành chính', max: 16, points: 6, province: 3 },
    ])
  })

  it('names the weakest criteria that counted from the unit’s own answers, with the question texts', () => {
    const a = cards('huyen-a')
    expect(a.cards).toHaveLength(1)
    expect(a.cards[0]!.weakest.map((w) => [w.criterionId, w.fraction, w.questions.length])).toEqual([
      ['2.1', 0.375, 2],
      ['1.1', 0.75, 1],
    ])
    expect(a.cards[0]!.rules.zero).toEqual(['1.2'])
  })

  it('counts responses per group and lists the questions where a group stayed below its minCell', () => {
    const [leader, citizen] = cards('huyen-a').cards[0]!.groups
    expect(leader).toMatchObject({ groupId: 'leader', responses: 2, expected: 3, minCell: 1 })
    expect(leader!.belowMinCell).toEqual([{ questionId: 'q2', criterionId: '1.2', n: 0 }])
    expect(citizen).toMatchObject({ groupId: 'citizen', responses: 0, minCell: 2 })
    expect(citizen!.belowMinCell.map((c) => c.questionId)).toEqual(['q1', 'q3', 'q4'])
  })
})
