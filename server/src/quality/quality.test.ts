import type { Response, Survey } from '@parsurvey/shared'
import { makeSurvey, scoredOptions } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'
import type { QualityReport } from '@parsurvey/shared'

/** makeSurvey() with six optional scored questions more: leaders and citizens answer 9 each. */
function surveyWithNineScored(): Survey {
  const survey = makeSurvey()
  for (let i = 5; i <= 10; i++) {
    survey.questions.push({
      id: `q${i}`,
      criterion: '1.1',
      groups: ['leader', 'citizen'],
      text: { vi: `Câu ${i}`, en: `Question ${i}` },
      type: 'choice',
      required: false,
      options: scoredOptions(),
    })
  }
  return survey
}

const LEADER_QUESTIONS = ['q1', 'q2', 'q3', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10']
/** Leader answers: `values[i]` for the i-th question (the last value repeats). */
const answers = (...values: string[]) =>
  Object.fromEntries(LEADER_QUESTIONS.map((q, i) => [q, values[Math.min(i, values.length - 1)]!]))
const varied = () => answers('very-good', 'good', 'fair', 'good', 'very-good', 'fair', 'good', 'poor', 'good')
const minutes = (n: number) => ({
  startedAt: '2025-10-01T08:00:00.000+07:00',
  submittedAt: new Date(Date.parse('2025-10-01T01:00:00Z') + n * 60_000).toISOString(),
})

let t: TestApp
beforeEach(async () => {
  t = await startTestApp({ surveys: [surveyWithNineScored()] })
})
afterEach(() => t.close())

async function sync(responses: Response[], as = 'surveyor') {
  const res = await t.request('/api/sync', { json: { responses }, as })
  expect(res.status).toBe(200)
}
async function report(as = 'analyst'): Promise<QualityReport> {
  const res = await t.request('/api/quality?surveyId=test-2025-district&version=1', { as })
  expect(res.status).toBe(200)
  return (await res.json()) as QualityReport
}
const ofKind = (r: QualityReport, kind: string) => r.flags.filter((f) => f.kind === kind)

describe('GET /api/quality', () => {
  it('flags a response with the same option position on ≥ 90% of ≥ 8 scored answers, and no other', async () => {
    const liner = makeResponse({ answers: answers('good') })
    const almost = makeResponse({
      answers: answers('good', 'good', 'good', 'good', 'good', 'good', 'good', 'good', 'fair'),
    })
    const short = makeResponse({
      answers: { q1: 'poor', q2: 'poor', q3: 'poor', q5: 'poor', q6: 'poor', q7: 'poor', q8: 'poor' },
    })
    const dontKnows = makeResponse({ answers: answers('dont-know') })
    await sync([liner, almost, short, dontKnows])
    const r = await report()
    const flags = ofKind(r, 'straight-lining')
    expect(flags.map((f) => f.responseIds)).toEqual([[liner.id], [dontKnows.id]])
    expect(flags[0]).toMatchObject({
      unitId: 'huyen-a',
      groupId: 'leader',
      surveyor: 'surveyor',
      open: true,
      params: { position: 2, same: 9, answered: 9, share: 100 },
    })
    expect(flags[0]!.reason).toContain('9/9')
    expect(r.responses[liner.id]).toMatchObject({
      id: liner.id,
      surveyor: 'surveyor',
      answers: liner.answers,
      voided: null,
    })
    expect(r.counts['straight-lining']).toEqual({ flags: 2, open: 2 })
  })

  it('flags interviews under a third of the group’s median, with the median in the reason', async () => {
    const normal = Array.from({ length: 5 }, () => makeResponse({ answers: varied(), ...minutes(12) }))
    const fast = makeResponse({ answers: varied(), ...minutes(3) })
    const citizensTooFew = [
      makeResponse({ groupId: 'citizen', answers: { q1: 'good', q3: 'good', q4: 'fair' }, ...minutes(1) }),
    ]
    await sync([...normal, fast, ...citizensTooFew])
    const flags = ofKind(await report(), 'fast-interview')
    expect(flags).toHaveLength(1)
    expect(flags[0]).toMatchObject({
      responseIds: [fast.id],
      groupId: 'leader',
      params: { duration: '3:00', median: '12:00', count: 6 },
    })
    const en = await t.request('/api/quality?surveyId=test-2025-district&version=1', {
      as: 'analyst',
      headers: { 'accept-language': 'en' },
    })
    expect(((await en.json()) as QualityReport).flags.find((f) => f.kind === 'fast-interview')!.reason).toBe(
      'Interview took 3:00, under a third of the median 12:00 for this group (6 responses).',
    )
  })

  it('flags a surveyor whose mean differs from the others’ on the unit by more than 2 standard errors, only with n ≥ 5 on both sides', async () => {
    const low = Array.from({ length: 5 }, (_, i) => makeResponse({ answers: answers('poor', i % 2 ? 'fair' : 'poor') }))
    const high = (n: number) =>
      Array.from({ length: n }, (_, i) => makeResponse({ answers: answers('very-good', i % 2 ? 'good' : 'very-good') }))
    await sync(low)
    await sync(high(3), 'supervisor')
    await sync(high(1), 'admin')
    expect(ofKind(await report(), 'surveyor-outlier')).toEqual([])

    await sync(high(1), 'admin')
    const flags = ofKind(await report(), 'surveyor-outlier')
    expect(flags.map((f) => [f.unitId, f.surveyor])).toEqual([['huyen-a', 'surveyor']])
    expect(flags[0]!.responseIds.sort()).toEqual(low.map((r) => r.id).sort())
    expect(flags[0]!.params).toMatchObject({ n: 5, othersN: 5, limit: 2 })
  })

  it('flags one serial typed three ways as one duplicate, by the rule the tablet warns with', async () => {
    const typed = ['BK-0012', 'bk 0012', 'bk-0012'].map((paperSerial) =>
      makeResponse({ channel: 'paper', paperSerial, answers: varied() }),
    )
    await sync(typed)
    expect(ofKind(await report(), 'duplicate-serial')).toMatchObject([
      { responseIds: typed.map((r) => r.id), open: true, params: { serial: 'BK-0012', count: 3 } },
    ])
  })

  it('flags a paper serial keyed in twice, and closes the flag once one copy is voided', async () => {
    const first = makeResponse({ channel: 'paper', paperSerial: 'BK-0012', answers: varied() })
    const second = makeResponse({ channel: 'paper', paperSerial: 'bk-0012', answers: varied() })
    const other = makeResponse({ channel: 'paper', paperSerial: 'BK-0013', answers: varied() })
    await sync([first, second, other])
    let flags = ofKind(await report(), 'duplicate-serial')
    expect(flags).toMatchObject([
      { responseIds: [first.id, second.id], open: true, params: { serial: 'BK-0012', count: 2 } },
    ])

    const voided = await t.request(`/api/review/responses/${second.id}/void`, {
      as: 'supervisor',
      json: { reason: 'nhập trùng phiếu giấy' },
    })
    expect(voided.status).toBe(200)
    const after = await report()
    flags = ofKind(after, 'duplicate-serial')
    expect(flags).toMatchObject([{ open: false }])
    expect(after.responses[second.id]!.voided).toMatchObject({ reason: 'nhập trùng phiếu giấy', by: 'supervisor' })
  })

  it('lists conflicts waiting for review with both contents, until they are resolved', async () => {
    const original = makeResponse({ answers: varied() })
    await sync([original])
    const resent = { ...original, answers: { ...original.answers, q1: 'poor' } }
    await sync([resent])
    const flags = ofKind(await report('supervisor'), 'pending-conflict')
    expect(flags).toHaveLength(1)
    expect(flags[0]!.conflict).toMatchObject({
      receivedBy: 'surveyor',
      proposed: { id: original.id, answers: { q1: 'poor' } },
    })
    // The time in Vietnam, as people read it, not the stored UTC.
    expect(flags[0]!.reason).toMatch(/gửi lại với nội dung khác lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2};/)
    expect((await report('supervisor')).responses[original.id]!.answers.q1).toBe('very-good')

    const seq = flags[0]!.conflict!.seq
    const resolved = await t.request(`/api/review/conflicts/${seq}/resolve`, {
      as: 'supervisor',
      json: { action: 'accept-new', reason: 'phiếu sửa lại đúng' },
    })
    expect(resolved.status).toBe(200)
    expect(ofKind(await report(), 'pending-conflict')).toEqual([])
  })

  it('keeps a voided response listed but out of the medians', async () => {
    const normal = Array.from({ length: 5 }, () => makeResponse({ answers: varied(), ...minutes(12) }))
    const slowOutliers = Array.from({ length: 6 }, () => makeResponse({ answers: varied(), ...minutes(60) }))
    const fast = makeResponse({ answers: varied(), ...minutes(10) })
    await sync([...normal, ...slowOutliers, fast])
    // With the slow ones counted the median is an hour and 10 minutes is "fast".
    expect(ofKind(await report(), 'fast-interview').map((f) => f.responseIds[0])).toEqual([fast.id])
    for (const r of slowOutliers) {
      const res = await t.request(`/api/review/responses/${r.id}/void`, { as: 'admin', json: { reason: 'thử nghiệm' } })
      expect(res.status).toBe(200)
    }
    expect(ofKind(await report(), 'fast-interview')).toEqual([])
  })

  it('shows a supervisor only their units, and refuses surveyors', async () => {
    await sync([makeResponse({ unitId: 'huyen-b', answers: answers('good') })], 'admin')
    await sync([makeResponse({ answers: answers('fair') })])
    expect(ofKind(await report('supervisor'), 'straight-lining').map((f) => f.unitId)).toEqual(['huyen-a'])
    expect(
      ofKind(await report('admin'), 'straight-lining')
        .map((f) => f.unitId)
        .sort(),
    ).toEqual(['huyen-a', 'huyen-b'])
    expect((await t.request('/api/quality?surveyId=test-2025-district&version=1', { as: 'surveyor' })).status).toBe(403)
    const missing = await t.request('/api/quality?version=1', { as: 'analyst' })
    expect(missing.status).toBe(400)
  })
})
