import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Response } from '../response/schema.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import type { Survey } from '../survey/schema.ts'
import { addResponse, removeResponse } from './accumulate.ts'
import { explainUnit } from './explain.ts'
import { mergeStates } from './merge.ts'
import { scoreSurvey, type SurveyScores } from './score.ts'
import { response, stateOf } from './test-support.ts'

const surveys: Record<Survey['dontKnow'], Survey> = { exclude: makeSurvey(), zero: makeSurvey({ dontKnow: 'zero' }) }
const base = surveys.exclude

/** A valid response to `makeSurvey()`: each question asked of the group answered, left blank or absent. */
const responseArb: fc.Arbitrary<Response> = fc
  .record({
    unitId: fc.constantFrom('huyen-a', 'huyen-b'),
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

const responsesArb = fc.array(responseArb, { maxLength: 40 })
const ruleArb = fc.constantFrom<Survey['dontKnow']>('exclude', 'zero')

function expectScoresClose(actual: SurveyScores, expected: SurveyScores): void {
  expect(actual.units.map((u) => [u.unitId, u.rank, u.responses, u.flags])).toEqual(
    expected.units.map((u) => [u.unitId, u.rank, u.responses, u.flags]),
  )
  actual.units.forEach((unit, i) => {
    const other = expected.units[i]
    expect(unit.surveyPoints).toBeCloseTo(other?.surveyPoints ?? Number.NaN, 9)
    for (const [leaf, points] of Object.entries(unit.criteria))
      expect(points).toBeCloseTo(other?.criteria[leaf] ?? Number.NaN, 9)
  })
}

describe('scoring properties', () => {
  it('keeps every leaf within [0, maxPoints] and the survey within [0, surveyPoints]', () => {
    fc.assert(
      fc.property(responsesArb, ruleArb, (responses, rule) => {
        const survey = surveys[rule]
        const state = stateOf(survey, responses)
        for (const unit of scoreSurvey(survey, state).units) {
          expect(unit.surveyPoints).toBeGreaterThanOrEqual(0)
          expect(unit.surveyPoints).toBeLessThanOrEqual(survey.surveyPoints + 1e-9)
          for (const criterion of explainUnit(survey, state, unit.unitId).criteria) {
            expect(criterion.points).toBeGreaterThanOrEqual(0)
            expect(criterion.points).toBeLessThanOrEqual(criterion.maxPoints + 1e-9)
            if (criterion.interval) {
              expect(criterion.interval.low).toBeLessThanOrEqual(criterion.points + 1e-9)
              expect(criterion.interval.high).toBeGreaterThanOrEqual(criterion.points - 1e-9)
            }
          }
        }
      }),
    )
  })

  it('gives the same scores, to the bit, whatever the order responses arrive in', () => {
    fc.assert(
      fc.property(responsesArb, ruleArb, fc.infiniteStream(fc.nat()), (responses, rule, seeds) => {
        const survey = surveys[rule]
        const shuffled = [...responses]
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (seeds.next().value as number) % (i + 1)
          ;[shuffled[i], shuffled[j]] = [shuffled[j] as Response, shuffled[i] as Response]
        }
        expect(scoreSurvey(survey, stateOf(survey, shuffled))).toEqual(scoreSurvey(survey, stateOf(survey, responses)))
      }),
    )
  })

  it('scores merged states of a split like all responses at once', () => {
    fc.assert(
      fc.property(responsesArb, fc.nat(), ruleArb, (responses, cut, rule) => {
        const survey = surveys[rule]
        const at = responses.length === 0 ? 0 : cut % (responses.length + 1)
        const merged = mergeStates(stateOf(survey, responses.slice(0, at)), stateOf(survey, responses.slice(at)))
        expectScoresClose(scoreSurvey(survey, merged), scoreSurvey(survey, stateOf(survey, responses)))
      }),
    )
  })

  it("never changes a score with an extra don't-know under `exclude`", () => {
    fc.assert(
      fc.property(
        responsesArb,
        fc.constantFrom('huyen-a', 'huyen-b'),
        fc.constantFrom('leader', 'citizen'),
        (responses, unitId, groupId) => {
          const survey = surveys.exclude
          const questionId = groupId === 'leader' ? 'q2' : 'q4'
          const before = scoreSurvey(survey, stateOf(survey, responses)).units
          const after = scoreSurvey(
            survey,
            stateOf(survey, [...responses, response(unitId, groupId, { [questionId]: 'dont-know' })]),
          ).units
          const strip = (units: typeof before) => units.map(({ responses: _r, ...rest }) => rest)
          expect(strip(after)).toEqual(strip(before))
        },
      ),
    )
  })

  it('restores the scores when a response is added and then voided', () => {
    fc.assert(
      fc.property(responsesArb, responseArb, ruleArb, (responses, extra, rule) => {
        const survey = surveys[rule]
        const state = stateOf(survey, responses)
        const before = scoreSurvey(survey, state)
        addResponse(state, survey, extra)
        removeResponse(state, survey, extra)
        expect(scoreSurvey(survey, state)).toEqual(before)
        expect(state).toEqual(stateOf(survey, responses))
      }),
    )
  })
})
