import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Response } from '../response/schema.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import type { Survey } from '../survey/schema.ts'
import { roundHalfUp } from './round.ts'
import { scoreSurvey, type UnitScore } from './score.ts'
import { response, stateOf } from './test-support.ts'

const base = makeSurvey()
const LEAVES = ['1.1', '1.2', '2.1']
const UNITS = ['huyen-a', 'huyen-b']
const RULES = ['zero', 'rescale', 'province-mean'] as const

/** A valid response to makeSurvey(): each question asked of the group answered, left blank or absent. */
const responseArb: fc.Arbitrary<Response> = fc
  .record({
    unitId: fc.constantFrom(...UNITS),
    groupId: fc.constantFrom('leader', 'citizen'),
    picks: fc.array(fc.nat(), { minLength: base.questions.length, maxLength: base.questions.length }),
  })
  .map(({ unitId, groupId, picks }) => {
    const answers: Record<string, string | null> = {}
    base.questions.forEach((question, i) => {
      if (!question.groups.includes(groupId) || question.type !== 'choice') return
      const pick = (picks[i] ?? 0) % (question.options.length + 2)
      if (pick === question.options.length) answers[question.id] = null
      else if (pick < question.options.length) answers[question.id] = question.options[pick]?.value ?? null
    })
    return response(unitId, groupId, answers)
  })
const responsesArb = fc.array(responseArb, { maxLength: 30 })
const ruleArb = fc.constantFrom(...RULES)
/** Leaves exempted for one unit: a strict subset of the leaves (the validator refuses all of them). */
const exemptArb = fc.subarray(LEAVES, { maxLength: LEAVES.length - 1 })
/** Adjustments as a decision writes them: whole hundredths between −10 and +10 points. */
const adjustmentsArb = fc.array(
  fc.record({ unitId: fc.constantFrom(...UNITS), points: fc.integer({ min: -1000, max: 1000 }).map((h) => h / 100) }),
  { maxLength: 8 },
)
const selfArb = fc.record({
  'huyen-a': fc.integer({ min: 0, max: 6800 }).map((h) => h / 100),
  'huyen-b': fc.integer({ min: 0, max: 6800 }).map((h) => h / 100),
})

function surveyWith(missing: Survey['missing'], exempted: Record<string, string[]> = {}): Survey {
  return makeSurvey({
    missing,
    units: base.units.map((u) => (exempted[u.id] ? { ...u, notApplicable: exempted[u.id] } : u)),
  })
}

/** A unit's own result: everything but the rank, which depends on the other units. */
const own = ({ rank: _rank, ...rest }: UnitScore) => rest
const byUnit = (units: UnitScore[]) => new Map(units.map((u) => [u.unitId, u]))

describe('properties of the scoring rules', () => {
  it('keeps every counted leaf within [0, maxPoints] and the survey points within [0, surveyPoints]', () => {
    fc.assert(
      fc.property(responsesArb, ruleArb, exemptArb, (responses, rule, exempt) => {
        const survey = surveyWith(rule, { 'huyen-a': exempt })
        for (const unit of scoreSurvey(survey, stateOf(survey, responses)).units) {
          expect(unit.surveyPoints).toBeGreaterThanOrEqual(0)
          expect(unit.surveyPoints).toBeLessThanOrEqual(survey.surveyPoints + 1e-9)
          for (const [leaf, points] of Object.entries(unit.criteria)) {
            const max = { '1.1': 10, '1.2': 6, '2.1': 16 }[leaf] ?? 0
            expect(points).toBeGreaterThanOrEqual(0)
            expect(points).toBeLessThanOrEqual(max)
          }
        }
      }),
    )
  })

  it('scores a unit whose every leaf has answers the same under every rule, to the bit', () => {
    fc.assert(
      fc.property(responsesArb, (responses) => {
        const [zero, rescale, mean] = RULES.map((rule) => {
          const survey = surveyWith(rule)
          return byUnit(scoreSurvey(survey, stateOf(survey, responses)).units)
        })
        for (const unitId of UNITS) {
          if (zero!.get(unitId)!.flags.length > 0) continue
          expect(own(rescale!.get(unitId)!)).toEqual(own(zero!.get(unitId)!))
          expect(own(mean!.get(unitId)!)).toEqual(own(zero!.get(unitId)!))
        }
      }),
    )
  })

  it("never changes another unit's score by exempting a unit from leaves, except through the province mean", () => {
    fc.assert(
      fc.property(responsesArb, ruleArb, exemptArb, (responses, rule, exempt) => {
        const plain = surveyWith(rule)
        const exempted = surveyWith(rule, { 'huyen-a': exempt })
        const before = byUnit(scoreSurvey(plain, stateOf(plain, responses)).units).get('huyen-b')!
        const after = byUnit(scoreSurvey(exempted, stateOf(exempted, responses)).units).get('huyen-b')!
        const filledFromMean =
          rule === 'province-mean' && exempt.some((l) => before.flags.includes(`insufficient-data:${l}`))
        if (!filledFromMean) expect(own(after)).toEqual(own(before))
      }),
    )
  })

  it('follows the written rules: rescale, province-mean, notApplicable, the flags and the criteria listed', () => {
    const MAX: Record<string, number> = { '1.1': 10, '1.2': 6, '2.1': 16 }
    fc.assert(
      fc.property(responsesArb, ruleArb, exemptArb, exemptArb, (responses, rule, exemptA, exemptB) => {
        // f of each leaf as measured from the answers alone: `missing: zero`, nothing exempted.
        const plain = surveyWith('zero')
        const measured = new Map<string, Map<string, number | null>>()
        for (const unit of scoreSurvey(plain, stateOf(plain, responses)).units) {
          const f = new Map<string, number | null>()
          for (const leaf of LEAVES)
            f.set(leaf, unit.flags.includes(`insufficient-data:${leaf}`) ? null : unit.criteria[leaf]! / MAX[leaf]!)
          measured.set(unit.unitId, f)
        }
        const exempt: Record<string, string[]> = { 'huyen-a': exemptA, 'huyen-b': exemptB }
        const applies = (unitId: string, leaf: string) => !exempt[unitId]!.includes(leaf)
        /** The mean f of a leaf over the units where it applies and is scored; 0 where there is none. */
        const mean = (leaf: string) => {
          const fs = UNITS.filter((u) => applies(u, leaf)).flatMap((u) => measured.get(u)!.get(leaf) ?? [])
          return fs.length === 0 ? 0 : fs.reduce((a, b) => a + b, 0) / fs.length
        }

        const survey = surveyWith(rule, exempt)
        for (const unit of scoreSurvey(survey, stateOf(survey, responses)).units) {
          const f = measured.get(unit.unitId)!
          const expected: Record<string, number> = {}
          for (const leaf of LEAVES) {
            const own = f.get(leaf)!
            if (!applies(unit.unitId, leaf) || (own === null && rule === 'rescale')) continue
            const fraction = own ?? (rule === 'province-mean' ? mean(leaf) : 0)
            expected[leaf] = fraction * MAX[leaf]!
          }
          // criteria: f × maxPoints for each leaf counted; a leaf left out or not applicable is absent.
          expect(Object.keys(unit.criteria).sort()).toEqual(Object.keys(expected).sort())
          for (const [leaf, points] of Object.entries(expected)) expect(unit.criteria[leaf]).toBeCloseTo(points, 9)
          // Every applicable leaf without answers keeps its flag, whatever the rule.
          expect(unit.flags).toEqual(
            LEAVES.filter((l) => applies(unit.unitId, l) && f.get(l) === null).map((l) => `insufficient-data:${l}`),
          )
          // Survey points: Σ over the leaves counted, rescaled to 32 over their maxima when some leaf is not counted.
          const counted = Object.keys(expected)
          const sum = counted.reduce((a, l) => a + expected[l]!, 0)
          const countedMax = counted.reduce((a, l) => a + MAX[l]!, 0)
          const points = counted.length === LEAVES.length ? sum : countedMax > 0 ? (sum * 32) / countedMax : 0
          expect(unit.surveyPoints).toBeCloseTo(points, 9)
        }
      }),
    )
  })

  it('gives the same scores, to the bit, whatever the order of the adjustment rows', () => {
    fc.assert(
      fc.property(responsesArb, ruleArb, adjustmentsArb, selfArb, (responses, rule, adjustments, self) => {
        const survey = surveyWith(rule)
        const state = stateOf(survey, responses)
        const forward = scoreSurvey(survey, state, { selfAssessment: self, adjustments })
        const backward = scoreSurvey(survey, state, { selfAssessment: self, adjustments: [...adjustments].reverse() })
        expect(backward).toEqual(forward)
      }),
    )
  })

  it('rounds once, after adding self-assessment, survey points and the exact sum of adjustments', () => {
    fc.assert(
      fc.property(responsesArb, ruleArb, adjustmentsArb, selfArb, (responses, rule, adjustments, self) => {
        const survey = surveyWith(rule)
        for (const unit of scoreSurvey(survey, stateOf(survey, responses), { selfAssessment: self, adjustments })
          .units) {
          const hundredths = adjustments
            .filter((a) => a.unitId === unit.unitId)
            .reduce((sum, a) => sum + Math.round(a.points * 100), 0)
          expect(unit.adjustments).toBe(hundredths / 100)
          const selfPoints = self[unit.unitId as keyof typeof self]
          expect(unit.total).toBe(roundHalfUp(selfPoints + unit.surveyPoints + hundredths / 100))
        }
      }),
    )
  })
})
