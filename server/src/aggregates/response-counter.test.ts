import { addResponse, cellMoments, emptyState, generateResponses, scoreSurvey, stateToRows } from '@parsurvey/shared'
import { makeResponse, makeSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import { ResponseCounter } from './response-counter.ts'
import { counterLayout } from './counter-layout.ts'

const survey = makeSurvey()

describe('ResponseCounter', () => {
  it('becomes the state addResponse builds: same counts, sums as scoring recomputes them, same scores', () => {
    const counter = new ResponseCounter(counterLayout(survey))
    const state = emptyState()
    for (const response of generateResponses(survey, 800, 'tally-state')) {
      counter.addResponse(response)
      addResponse(state, survey, response)
    }
    const mine = counter.toState()
    const rows = (s: typeof state) => stateToRows(s).cells.map(({ sum: _s, sumSq: _q, ...rest }) => rest)
    expect(new Set(rows(mine).map((r) => JSON.stringify(r)))).toEqual(
      new Set(rows(state).map((r) => JSON.stringify(r))),
    )
    for (const question of survey.questions) {
      for (const [unitId, unit] of mine.units) {
        for (const [groupId, group] of unit) {
          const cell = group.cells.get(question.id)
          if (!cell || question.criterion === undefined) continue
          const moments = cellMoments(cell, question, survey.dontKnow)
          expect([cell.sum, cell.sumSq]).toEqual([moments.sum, moments.sumSq])
          const theirs = state.units.get(unitId)!.get(groupId)!.cells.get(question.id)!
          expect(Math.abs(cell.sum - theirs.sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(theirs.sum)))
        }
      }
    }
    expect(scoreSurvey(survey, mine)).toEqual(scoreSurvey(survey, state))
  })

  it('gives the same scores as the reference under every rule for missing data and exempted leaves', () => {
    const counter = new ResponseCounter(counterLayout(survey))
    const state = emptyState()
    // huyen-a's 1.2 (q2) and huyen-b's 2.1 (q3, q4) without answers: the rules have leaves to act on.
    for (const generated of generateResponses(survey, 300, 'tally-rules')) {
      const gone = generated.unitId === 'huyen-a' ? ['q2'] : ['q3', 'q4']
      const answers = Object.fromEntries(Object.entries(generated.answers).filter(([q]) => !gone.includes(q)))
      const response = { ...generated, answers }
      counter.addResponse(response)
      addResponse(state, survey, response)
    }
    const exempted = survey.units.map((u, i) => (i === 0 ? { ...u, notApplicable: ['1.1'] } : u))
    for (const missing of ['zero', 'rescale', 'province-mean'] as const) {
      for (const units of [survey.units, exempted]) {
        const ruled = { ...survey, missing, units }
        const scores = scoreSurvey(ruled, counter.toState())
        expect(scores.units.flatMap((u) => u.flags).sort()).toEqual(['insufficient-data:1.2', 'insufficient-data:2.1'])
        expect(scores).toEqual(scoreSurvey(ruled, state))
      }
    }
  })

  it('adds up tallies counted apart, and keeps a response it cannot place exactly', () => {
    const layout = counterLayout(survey)
    const [a, b] = [new ResponseCounter(layout), new ResponseCounter(layout)]
    const state = emptyState()
    const odd = makeResponse({ unitId: 'not-a-unit' })
    ;[...generateResponses(survey, 100, 'halves'), odd].forEach((response, i) => {
      ;(i % 2 ? a : b).addResponse(response)
      addResponse(state, survey, response)
    })
    a.add(b.data())
    expect(scoreSurvey(survey, a.toState())).toEqual(scoreSurvey(survey, state))
    expect(a.toState().units.get('not-a-unit')).toEqual(state.units.get('not-a-unit'))
  })
})
