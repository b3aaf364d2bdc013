import { describe, expect, it } from 'vitest'
import { makeSurvey } from '../survey/fixtures.ts'
import type { Survey } from '../survey/schema.ts'
import { explainUnit } from './explain.ts'
import { scoreSurvey, type ScoreOptions } from './score.ts'
import { many, response, stateOf } from './test-support.ts'

/*
 * The worked examples of surveys/README.md on makeSurvey() (leaves 1.1: 10, 1.2: 6, 2.1: 16 points,
 * 32 survey points): huyen-a answers 1.1 and 2.1 "good" (f 0.75 → 7.5 and 12 points) and nobody
 * answers its 1.2; huyen-b answers 1.2 "fair" (f 0.5) and nothing else.
 */
const answers = [
  response('huyen-a', 'leader', { q1: 'good', q3: 'good' }),
  response('huyen-b', 'leader', { q2: 'fair' }),
]

function scored(overrides: Partial<Survey>, options: ScoreOptions = {}) {
  const survey = makeSurvey(overrides)
  const scores = scoreSurvey(survey, stateOf(survey, answers), options)
  const unit = (id: string) => scores.units.find((u) => u.unitId === id)!
  return { survey, a: unit('huyen-a'), b: unit('huyen-b') }
}

const exempt = (unitId: string, leaves: string[]): Partial<Survey> => ({
  units: makeSurvey().units.map((u) => (u.id === unitId ? { ...u, notApplicable: leaves } : u)),
})

describe('missing: the rule for a leaf without usable answers', () => {
  it('zero: the leaf scores 0 (7.5 + 0 + 12 = 19.5) and is flagged', () => {
    const { a } = scored({ missing: 'zero' })
    expect(a.criteria).toEqual({ '1.1': 7.5, '1.2': 0, '2.1': 12 })
    expect(a.surveyPoints).toBe(19.5)
    expect(a.flags).toEqual(['insufficient-data:1.2'])
  })

  it('rescale: the leaf is left out and the rest scaled to 32 points: (7.5 + 12) × 32 / 26 = 24', () => {
    const { a } = scored({ missing: 'rescale' })
    expect(a.criteria).toEqual({ '1.1': 7.5, '2.1': 12 })
    expect(a.surveyPoints).toBe(24)
    expect(a.flags).toEqual(['insufficient-data:1.2'])
  })

  it('rescale: a unit without any answers scores 0, every leaf flagged', () => {
    const survey = makeSurvey({ missing: 'rescale' })
    const unit = scoreSurvey(survey, stateOf(survey, [])).units[0]!
    expect([unit.surveyPoints, unit.criteria, unit.flags.length]).toEqual([0, {}, 3])
  })

  it("province-mean: the leaf takes the mean f of the units that have answers (huyen-b's 0.5 → 3 points)", () => {
    const { a, b } = scored({ missing: 'province-mean' })
    expect(a.criteria).toEqual({ '1.1': 7.5, '1.2': 3, '2.1': 12 })
    expect(a.surveyPoints).toBe(22.5)
    expect(a.flags).toEqual(['insufficient-data:1.2'])
    // huyen-b takes huyen-a's 0.75 on 1.1 and 2.1: 7.5 + 3 + 12
    expect(b.criteria).toEqual({ '1.1': 7.5, '1.2': 3, '2.1': 12 })
    expect(b.flags).toEqual(['insufficient-data:1.1', 'insufficient-data:2.1'])
  })

  it('province-mean: a leaf nobody answered anywhere takes 0', () => {
    const survey = makeSurvey({ missing: 'province-mean' })
    const scores = scoreSurvey(survey, stateOf(survey, [response('huyen-a', 'leader', { q1: 'good' })]))
    expect(scores.units.find((u) => u.unitId === 'huyen-b')!.criteria).toEqual({ '1.1': 7.5, '1.2': 0, '2.1': 0 })
  })
})

describe('units[].notApplicable', () => {
  it('leaves the leaf out of that unit and rescales, whatever `missing` says, without a flag', () => {
    for (const missing of ['zero', 'rescale', 'province-mean'] as const) {
      const { a } = scored({ missing, ...exempt('huyen-a', ['1.2']) })
      expect(a.criteria).toEqual({ '1.1': 7.5, '2.1': 12 })
      expect(a.surveyPoints).toBe(24)
      expect(a.flags).toEqual([])
    }
  })

  it('ignores answers about an exempted leaf, and keeps them out of the province mean', () => {
    const { a, b } = scored({ missing: 'province-mean', ...exempt('huyen-b', ['1.2']) })
    // huyen-b's 1.2 answers no longer count anywhere: huyen-a's 1.2 has no mean to take
    expect(a.criteria['1.2']).toBe(0)
    // huyen-b: 1.1 and 2.1 filled with huyen-a's 0.75, 1.2 exempted: (7.5 + 12) × 32 / 26
    expect(b.surveyPoints).toBe(24)
  })
})

describe('adjustments (điểm thưởng / điểm trừ)', () => {
  const self = { 'huyen-a': 60, 'huyen-b': 78 }

  it('add up per unit and join the total before rounding: 60 + 19.5 + (1 − 0.5) = 80, "tot"', () => {
    const adjustments = [
      { unitId: 'huyen-a', points: 1 },
      { unitId: 'huyen-a', points: -0.5 },
    ]
    const { a, b } = scored({}, { selfAssessment: self, adjustments })
    expect([a.adjustments, a.total, a.classification]).toEqual([0.5, 80, 'tot'])
    expect([b.adjustments, b.total]).toEqual([0, 81])
  })

  it('are summed exactly in hundredths (0.1 + 0.2 = 0.3) and rounded once after the sum', () => {
    const adjustments = [0.1, 0.2].map((points) => ({ unitId: 'huyen-a', points }))
    const { a } = scored({}, { selfAssessment: { 'huyen-a': 60.005 }, adjustments })
    expect(a.adjustments).toBe(0.3)
    // 60.005 + 19.5 + 0.3 = 79.805 → 79.81
    expect(a.total).toBe(79.81)
  })

  it('change the rank: a bonus lifts a unit past another', () => {
    const before = scored({}, { selfAssessment: self })
    expect([before.b.rank, before.a.rank]).toEqual([1, 2])
    const after = scored({}, { selfAssessment: self, adjustments: [{ unitId: 'huyen-a', points: 4 }] })
    expect([after.a.total, after.a.rank, after.b.rank]).toEqual([83.5, 1, 2])
  })

  it('leave the total unknown without a self-assessment', () => {
    const { a } = scored({}, { adjustments: [{ unitId: 'huyen-a', points: 2 }] })
    expect([a.adjustments, a.total, a.classification]).toEqual([2, null, null])
  })

  it('refuse points with more than 2 decimals', () => {
    expect(() => scored({}, { adjustments: [{ unitId: 'huyen-a', points: 0.125 }] })).toThrow(RangeError)
  })
})

describe('explainUnit under the rules', () => {
  it('says how each leaf counts, and sums parents over the leaves that count', () => {
    const survey = makeSurvey({ missing: 'rescale' })
    const state = stateOf(survey, [...answers, ...many(2, 'huyen-a', 'citizen', 'q4', 'poor')])
    const byId = Object.fromEntries(explainUnit(survey, state, 'huyen-a').criteria.map((c) => [c.criterionId, c]))
    expect(byId['1.2']).toMatchObject({ status: 'left-out', counted: false, points: 0, insufficientData: true })
    expect(byId['1']).toMatchObject({ status: null, counted: true, points: 7.5, maxPoints: 10 })
    expect(byId['2.1']).toMatchObject({ status: 'scored', counted: true })
  })

  it('marks a leaf filled with the province mean, without an interval', () => {
    const survey = makeSurvey({ missing: 'province-mean' })
    const state = stateOf(survey, [...answers, ...many(5, 'huyen-b', 'leader', 'q2', 'fair')])
    const leaf = explainUnit(survey, state, 'huyen-a').criteria.find((c) => c.criterionId === '1.2')
    expect(leaf).toMatchObject({ status: 'province-mean', counted: true, points: 3, interval: null })
  })
})
