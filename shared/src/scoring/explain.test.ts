import { describe, expect, it } from 'vitest'
import { makeSurvey } from '../survey/fixtures.ts'
import { explainUnit } from './explain.ts'
import { many, response, stateOf } from './test-support.ts'

describe('explainUnit', () => {
  const survey = makeSurvey()
  const responses = [
    response('huyen-a', 'leader', { q1: 'very-good', q2: 'fair', q3: 'good', age: 'under-35' }, 'xa-1'),
    ...many(3, 'huyen-a', 'citizen', 'q1', 'good'),
    ...many(2, 'huyen-a', 'citizen', 'q1', 'dont-know'),
  ]
  const explained = explainUnit(survey, stateOf(survey, responses), 'huyen-a')

  it('gives every criterion node, parents as the sums of their children', () => {
    // 1.1: leader 1, citizen 0.75 (n=3) → s = 0.875 → 8.75 of 10; 1.2: 0.5 → 3 of 6; 2.1: q3 0.75 → 12 of 16
    const byId = Object.fromEntries(explained.criteria.map((c) => [c.criterionId, c]))
    expect(byId['1.1']?.points).toBe(8.75)
    expect(byId['1.2']?.points).toBe(3)
    expect(byId['1']).toMatchObject({ parentId: null, leaf: false, points: 11.75, maxPoints: 16 })
    expect(byId['2']).toMatchObject({ points: 12, maxPoints: 16 })
    expect(byId['2.1']).toMatchObject({ parentId: '2', leaf: true, points: 12, maxPoints: 16, insufficientData: false })
  })

  it("reports n, mean, presence, don't-know rate and the distribution per question", () => {
    const q1 = explained.questions.find((q) => q.questionId === 'q1')
    expect(q1?.groups).toEqual([
      { groupId: 'leader', n: 1, dontKnow: 0, mean: 1, present: true, normalisedWeight: 0.5 },
      { groupId: 'citizen', n: 3, dontKnow: 2, mean: 0.75, present: true, normalisedWeight: 0.5 },
    ])
    expect(q1?.dontKnowRate).toBe(2 / 6)
    expect(q1?.options).toEqual([
      { value: 'very-good', count: 1 },
      { value: 'good', count: 3 },
      { value: 'fair', count: 0 },
      { value: 'poor', count: 0 },
      { value: 'dont-know', count: 2 },
    ])
    const age = explained.questions.find((q) => q.questionId === 'age')
    expect(age).toMatchObject({
      criterionId: null,
      score: null,
      options: [
        { value: 'under-35', count: 1 },
        { value: '35-plus', count: 0 },
      ],
    })
  })

  it('counts responses per group and location', () => {
    expect(explained.responses).toBe(6)
    expect(explained.tallies).toEqual([
      { groupId: 'leader', locationId: 'xa-1', responses: 1 },
      { groupId: 'citizen', locationId: null, responses: 5 },
    ])
  })

  it('gives no interval where a contributing group has n < 5', () => {
    expect(explained.criteria.find((c) => c.criterionId === '1.1')?.interval).toBeNull()
  })

  it('gives a normal-approximation 95% interval where every contributing n ≥ 5', () => {
    // q2 (leaf 1.2, 6 points), leaders only: answers 1,1,1,0,0 → mean 0.6, s² = (3 − 9/5)/4 = 0.3,
    // half-width 1.96 × √(0.3/5) = 0.4801 → fraction [0.1199, 1] (clamped) → points [0.7194, 6]
    const survey = makeSurvey()
    const state = stateOf(survey, [
      ...many(3, 'huyen-b', 'leader', 'q2', 'very-good'),
      ...many(2, 'huyen-b', 'leader', 'q2', 'poor'),
    ])
    const leaf = explainUnit(survey, state, 'huyen-b').criteria.find((c) => c.criterionId === '1.2')
    const half = 1.959963984540054 * Math.sqrt(0.3 / 5)
    expect(leaf?.interval?.low).toBeCloseTo((0.6 - half) * 6, 12)
    expect(leaf?.interval?.high).toBe(6)
    expect(leaf?.points).toBeCloseTo(3.6, 12)
  })

  it('gives an empty unit zero points and flags every leaf', () => {
    const empty = explainUnit(survey, stateOf(survey, []), 'huyen-b')
    expect(
      empty.criteria.filter((c) => c.leaf).every((c) => c.points === 0 && c.insufficientData && c.interval === null),
    ).toBe(true)
    expect(empty.responses).toBe(0)
  })
})
