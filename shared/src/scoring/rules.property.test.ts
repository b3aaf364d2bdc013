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
