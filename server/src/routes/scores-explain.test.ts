import { scoreSurvey, stateFromRows, type ExplainReply, type UnitScore } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorOf, makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const Q = 'surveyId=test-2025-district&version=1'

async function seed() {
  const responses = [
    ...Array.from({ length: 6 }, (_, i) =>
      makeResponse({ answers: { q1: i % 2 ? 'good' : 'very-good', q2: 'fair', q3: i === 0 ? 'dont-know' : 'poor' } }),
    ),
    ...Array.from({ length: 5 }, () =>
      makeResponse({ groupId: 'citizen', locationId: 'xa-1', answers: { q1: 'fair', q3: 'good', q4: 'very-good' } }),
    ),
    makeResponse({ unitId: 'huyen-b', answers: { q1: 'poor', q2: 'poor', q3: 'poor' } }),
  ]
  const res = await t.request('/api/sync', { as: 'admin', json: { responses } })
  expect(res.status).toBe(200)
}

const explain = async (unitId: string) =>
  (await (await t.request(`/api/scores/explain?${Q}&unitId=${unitId}`, { as: 'analyst' })).json()) as ExplainReply

describe('GET /api/scores/explain', () => {
  it('takes a unit’s official score apart: leaves add up to the survey points of /api/scores', async () => {
    await seed()
    const reply = await explain('huyen-a')
    const official = (
      (await (await t.request(`/api/scores?${Q}`, { as: 'analyst' })).json()) as { units: UnitScore[] }
    ).units.find((u) => u.unitId === 'huyen-a')!
    expect(reply.score).toEqual(official)
    const leaves = reply.explanation.criteria.filter((c) => c.leaf)
    expect(leaves.reduce((s, c) => s + c.points, 0)).toBeCloseTo(official.surveyPoints, 12)
    for (const leaf of leaves) expect(leaf.points).toBe(official.criteria[leaf.criterionId])
    // q3: leaders 1 don't-know of 6, citizens 0 of 5.
    const q3 = reply.explanation.questions.find((q) => q.questionId === 'q3')!
    expect(q3.dontKnowRate).toBeCloseTo(1 / 11, 12)
    expect(q3.groups.map((g) => [g.groupId, g.n])).toEqual([
      ['leader', 5],
      ['citizen', 5],
    ])
  })

  it('gives the group × domain matrix with n, and the province average over units with responses', async () => {
    await seed()
    const reply = await explain('huyen-a')
    // Domain 1 = q1 (leader, citizen) + q2 (leader): leaders answered 6 + 6, citizens 5.
    expect(reply.matrix.find((c) => c.groupId === 'leader' && c.domainId === '1')).toMatchObject({ n: 12, dontKnow: 0 })
    expect(reply.matrix.find((c) => c.groupId === 'citizen' && c.domainId === '1')).toEqual({
      groupId: 'citizen',
      domainId: '1',
      n: 5,
      mean: 0.5,
      dontKnow: 0,
    })
    const survey = makeSurvey()
    const scores = scoreSurvey(
      survey,
      stateFromRows(await t.services.aggregates.read({ surveyId: survey.id, surveyVersion: 1 })),
    )
    const [a, b] = [
      scores.units.find((u) => u.unitId === 'huyen-a')!,
      scores.units.find((u) => u.unitId === 'huyen-b')!,
    ]
    expect(reply.province.units).toBe(2)
    expect(reply.province.surveyPoints).toBeCloseTo((a.surveyPoints + b.surveyPoints) / 2, 12)
    expect(reply.province.criteria['1']).toBeCloseTo(
      (a.criteria['1.1']! + a.criteria['1.2']! + b.criteria['1.1']! + b.criteria['1.2']!) / 2,
      12,
    )
  })

  it('gives 95% intervals only where every contributing group has n ≥ 5', async () => {
    await seed()
    const leaves = (await explain('huyen-a')).explanation.criteria.filter((c) => c.leaf)
    // 2.1 = q3 (leaders 5 scored, citizens 5) and q4 (citizens 5): an interval.
    expect(leaves.find((c) => c.criterionId === '2.1')!.interval).not.toBeNull()
    const b = (await explain('huyen-b')).explanation.criteria.filter((c) => c.leaf)
    expect(b.every((c) => c.interval === null)).toBe(true)
  })

  it('names the field when the unit is missing or not part of the survey, and refuses supervisors', async () => {
    const missing = await t.request(`/api/scores/explain?${Q}`, { as: 'analyst' })
    expect(missing.status).toBe(400)
    expect((await errorOf(missing)).field).toBe('unitId')
    const unknown = await t.request(`/api/scores/explain?${Q}&unitId=huyen-z`, {
      as: 'analyst',
      headers: { 'accept-language': 'vi' },
    })
    expect(unknown.status).toBe(404)
    expect(await errorOf(unknown)).toEqual({
      code: 'analysis-unit-not-found',
      field: 'unitId',
      message: 'Bộ phiếu này không đánh giá đơn vị "huyen-z".',
    })
    expect((await t.request(`/api/scores/explain?${Q}&unitId=huyen-a`, { as: 'supervisor' })).status).toBe(403)
  })
})
