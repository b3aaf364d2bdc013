import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Response } from '../response/schema.ts'
import { scoreSurvey } from '../scoring/score.ts'
import { response, stateOf } from '../scoring/test-support.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import type { Survey } from '../survey/schema.ts'
import { buildResultsPack } from './build.ts'
import { buildScorecards } from './scorecard.ts'

/** makeSurvey() with a third unit, so that province means divide by 3 as well as by 1 and 2. */
const base = makeSurvey()
const UNITS = ['huyen-a', 'huyen-b', 'huyen-c']
const surveyWith = (missing: Survey['missing']): Survey =>
  makeSurvey({
    missing,
    units: [...base.units, { id: 'huyen-c', name: { vi: 'Huyện C', en: 'District C' }, locations: [] }],
  })

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
const ruleArb = fc.constantFrom<Survey['missing']>('zero', 'rescale', 'province-mean')

function scorecardsOf(missing: Survey['missing'], responses: Response[]) {
  const survey = surveyWith(missing)
  const state = stateOf(survey, responses)
  const scores = scoreSurvey(survey, state, { selfAssessment: { 'huyen-a': 60, 'huyen-b': 55.5, 'huyen-c': 40.25 } })
  const pack = buildResultsPack({ survey, scores, state })
  return { pack, cards: buildScorecards(pack, { survey, scores, state }) }
}

/** Hundredths of a published figure, as an exact integer. */
const cents = (value: number) => BigInt(Math.round(value * 100))

describe('scorecard properties', () => {
  it('gives as province average the exact mean of the published domain points, rounded half-up once', () => {
    fc.assert(
      fc.property(fc.array(responseArb, { maxLength: 30 }), ruleArb, (responses, rule) => {
        const { pack, cards } = scorecardsOf(rule, responses)
        const counted = pack.rows.filter((r) => r.responses > 0)
        pack.domains.forEach((_, i) => {
          const province = cards.cards[0]!.domains[i]!.province
          if (counted.length === 0) return expect(province).toBeNull()
          // Σ/n within half a hundredth of the average, a tie rounded up: n(2m − 1) ≤ 2Σ < n(2m + 1).
          const sum = counted.reduce((s, r) => s + cents(r.domains[i]!.survey), 0n)
          const n = BigInt(counted.length)
          const m = cents(province!)
          expect(Number(m) / 100).toBe(province)
          expect(n * (2n * m - 1n) <= 2n * sum && 2n * sum < n * (2n * m + 1n)).toBe(true)
          // The same average on every card.
          for (const card of cards.cards) expect(card.domains[i]!.province).toBe(province)
        })
      }),
    )
  })

  it('shows each unit its own published figures, its weakest counted leaves first and all its responses', () => {
    fc.assert(
      fc.property(fc.array(responseArb, { maxLength: 30 }), ruleArb, (responses, rule) => {
        const { pack, cards } = scorecardsOf(rule, responses)
        expect(cards.cards.map((c) => c.row)).toEqual(pack.rows)
        for (const card of cards.cards) {
          expect(card.domains.map((d) => d.points)).toEqual(card.row.domains.map((d) => d.survey))
          const fractions = card.weakest.map((w) => w.fraction)
          expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
          for (const weak of card.weakest) expect(weak.fraction).toBe(weak.points / weak.maxPoints)
          expect(card.groups.reduce((s, g) => s + g.responses, 0)).toBe(card.row.responses)
          if (card.row.responses === 0) expect(card.weakest).toEqual([])
        }
      }),
    )
  })

  it('does not depend on the order in which the responses arrived', () => {
    fc.assert(
      fc.property(fc.array(responseArb, { maxLength: 20 }), ruleArb, (responses, rule) => {
        expect(scorecardsOf(rule, [...responses].reverse()).cards).toEqual(scorecardsOf(rule, responses).cards)
      }),
    )
  })
})
