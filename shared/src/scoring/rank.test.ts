import { describe, expect, it } from 'vitest'
import { makeSurvey } from '../survey/fixtures.ts'
import type { Unit } from '../survey/schema.ts'
import { rankUnits } from './rank.ts'
import { scoreSurvey } from './score.ts'
import { response, stateOf } from './test-support.ts'

const unit = (id: string, vi: string): Unit => ({ id, name: { vi, en: vi }, locations: [] })

describe('rankUnits', () => {
  it('gives equal keys one rank and skips the next (1, 2, 2, 4)', () => {
    const ranked = rankUnits([
      { unitId: 'c', name: 'C', key: 80 },
      { unitId: 'a', name: 'A', key: 90 },
      { unitId: 'b', name: 'B', key: 85 },
      { unitId: 'd', name: 'D', key: 85 },
    ])
    expect(ranked).toEqual([
      { unitId: 'a', rank: 1 },
      { unitId: 'b', rank: 2 },
      { unitId: 'd', rank: 2 },
      { unitId: 'c', rank: 4 },
    ])
  })

  it('lists ties by Vietnamese name order, not code points ("Ánh" before "Bình", "Du" before "Đông")', () => {
    const ranked = rankUnits([
      { unitId: 'dong', name: 'Sở Đông', key: 1 },
      { unitId: 'binh', name: 'Sở Bình', key: 1 },
      { unitId: 'du', name: 'Sở Du lịch', key: 1 },
      { unitId: 'anh', name: 'Sở Ánh', key: 1 },
    ])
    expect(ranked.map((r) => r.unitId)).toEqual(['anh', 'binh', 'du', 'dong'])
    expect(ranked.every((r) => r.rank === 1)).toBe(true)
  })

  it('puts units without a key last, unranked, by name', () => {
    const ranked = rankUnits([
      { unitId: 'z', name: 'Z', key: null },
      { unitId: 'y', name: 'Y', key: 10 },
      { unitId: 'x', name: 'X', key: null },
    ])
    expect(ranked).toEqual([
      { unitId: 'y', rank: 1 },
      { unitId: 'x', rank: null },
      { unitId: 'z', rank: null },
    ])
  })
})

describe('scoreSurvey ranking', () => {
  const units = [
    unit('u1', 'Huyện Chợ Mới'),
    unit('u2', 'Huyện Ba Bể'),
    unit('u3', 'Huyện Ân Thi'),
    unit('u4', 'Huyện Na Rì'),
  ]
  const survey = makeSurvey({ units })
  // u1..u4 answer q1 (leaf 1.1, 10 points): 1, 0.75, 0.75, 0 → 10, 7.5, 7.5, 0 survey points
  const state = stateOf(survey, [
    response('u1', 'leader', { q1: 'very-good' }),
    response('u2', 'leader', { q1: 'good' }),
    response('u3', 'leader', { q1: 'good' }),
    response('u4', 'leader', { q1: 'poor' }),
  ])

  it('ranks on the rounded total, ties sharing a rank and listed by name', () => {
    const scores = scoreSurvey(survey, state, { selfAssessment: { u1: 60, u2: 62.5, u3: 62.5, u4: 50 } })
    expect(scores.units.map((u) => [u.unitId, u.total, u.rank, u.classification])).toEqual([
      ['u3', 70, 1, 'kha'],
      ['u2', 70, 1, 'kha'],
      ['u1', 70, 1, 'kha'],
      ['u4', 50, 4, 'trung-binh'],
    ])
  })

  it('ties units whose totals differ only below the published precision', () => {
    // 62.501 + 7.5 = 70.001 and 62.5049 + 7.5 = 70.0049 both publish as 70.00
    const scores = scoreSurvey(survey, state, { selfAssessment: { u2: 62.501, u3: 62.5049, u1: 60.01, u4: 50 } })
    expect(scores.units.map((u) => [u.unitId, u.rank])).toEqual([
      ['u1', 1],
      ['u3', 2],
      ['u2', 2],
      ['u4', 4],
    ])
  })

  it('ranks on rounded survey points when no unit has a self-assessment', () => {
    const scores = scoreSurvey(survey, state)
    expect(scores.units.map((u) => [u.unitId, u.rank])).toEqual([
      ['u1', 1],
      ['u3', 2],
      ['u2', 2],
      ['u4', 4],
    ])
  })

  it('leaves units without a self-assessment unranked, after the ranked ones, when others have one', () => {
    const scores = scoreSurvey(survey, state, { selfAssessment: { u4: 50 } })
    expect(scores.units.map((u) => [u.unitId, u.rank])).toEqual([
      ['u4', 1],
      ['u3', null],
      ['u2', null],
      ['u1', null],
    ])
  })
})
