import type { QualityReport, Response, SyncReply } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'
import { timeProblems } from './implausible-times.ts'

const at = (startedAt: string, submittedAt: string) => ({ startedAt, submittedAt })
const ROUND = { opens: '2025-09-15', closes: '2025-11-15' }

describe('timeProblems', () => {
  const context = { round: ROUND, publishedAt: '2025-09-10T02:00:00.000Z' }
  const received = '2025-12-01T00:00:00.000Z'
  it('finds nothing wrong with an interview inside the round, published before and received after', () => {
    expect(timeProblems(at('2025-10-01T08:00:00+07:00', '2025-10-01T08:10:00+07:00'), received, context)).toEqual([])
  })
  it('takes the round as whole days in Vietnam', () => {
    const first = at('2025-09-15T00:00:00+07:00', '2025-09-15T00:10:00+07:00')
    const last = at('2025-11-15T23:50:00+07:00', '2025-11-15T23:59:59+07:00')
    expect([...timeProblems(first, received, context), ...timeProblems(last, received, context)]).toEqual([])
    expect(timeProblems(at('2025-11-15T23:50:00+07:00', '2025-11-16T00:00:01+07:00'), received, context)).toEqual([
      'outside-round',
    ])
  })
  it('allows a device clock ten minutes off the server’s', () => {
    const sent = '2025-10-01T01:20:00.000Z'
    expect(timeProblems(at('2025-10-01T08:00:00+07:00', '2025-10-01T08:29:00+07:00'), sent, context)).toEqual([])
    expect(timeProblems(at('2025-10-01T08:00:00+07:00', '2025-10-01T08:31:00+07:00'), sent, context)).toEqual([
      'future-time',
    ])
  })
  it('names every problem of one response', () => {
    expect(timeProblems(at('1970-01-01T07:00:00+07:00', '1970-01-01T06:00:00+07:00'), received, context)).toEqual([
      'outside-round',
      'before-publication',
      'submitted-before-started',
    ])
  })
})

let t: TestApp
beforeEach(async () => {
  t = await startTestApp({ surveys: [] })
  t.services.sqlite.surveys.publish({ ...makeSurvey(), round: ROUND }, null, new Date('2025-09-10T02:00:00Z'))
})
afterEach(() => t.close())

async function report(locale = 'vi'): Promise<QualityReport> {
  const res = await t.request('/api/quality?surveyId=test-2025-district&version=1', {
    as: 'analyst',
    headers: { 'accept-language': locale },
  })
  expect(res.status).toBe(200)
  return (await res.json()) as QualityReport
}

describe('implausible times in GET /api/quality', () => {
  it('stores and scores responses with implausible times, and flags each problem with the responses behind it', async () => {
    const fine = makeResponse()
    const future = makeResponse(at('2030-01-01T08:00:00+07:00', '2030-01-01T08:10:00+07:00'))
    const epoch = makeResponse(at('1970-01-01T07:00:00+07:00', '1970-01-01T07:10:00+07:00'))
    const reversed = makeResponse(at('2025-10-02T08:10:00+07:00', '2025-10-02T08:00:00+07:00'))
    const late = makeResponse(at('2025-11-20T08:00:00+07:00', '2025-11-20T08:10:00+07:00'))
    const sent: Response[] = [fine, future, epoch, reversed, late]
    const res = await t.request('/api/sync', { json: { responses: sent }, as: 'surveyor' })
    expect(((await res.json()) as SyncReply).results.map((r) => r.status)).toEqual(Array(5).fill('stored'))
    const progress = await t.request('/api/progress?surveyId=test-2025-district&version=1', { as: 'analyst' })
    expect(((await progress.json()) as { cells: { responses: number }[] }).cells[0]).toMatchObject({ responses: 5 })

    const r = await report()
    const flagged = (kind: string) => r.flags.filter((f) => f.kind === kind).map((f) => f.responseIds)
    expect(flagged('outside-round')).toEqual([[future.id, epoch.id, late.id]])
    expect(flagged('future-time')).toEqual([[future.id]])
    expect(flagged('before-publication')).toEqual([[epoch.id]])
    expect(flagged('submitted-before-started')).toEqual([[reversed.id]])
    expect(r.counts['outside-round']).toEqual({ flags: 1, open: 1 })
    const outside = r.flags.find((f) => f.kind === 'outside-round')!
    expect(outside).toMatchObject({ unitId: 'huyen-a', surveyor: 'surveyor', open: true })
    expect(outside.reason).toBe(
      '3 phiếu bắt đầu hoặc hoàn thành ngoài đợt khảo sát (15/09/2025 – 15/11/2025); thời gian trên phiếu từ 01/01/1970 07:00 đến 01/01/2030 08:10.',
    )
    const before = (await report('en')).flags.find((f) => f.kind === 'before-publication')!
    expect(before.reason).toBe(
      'Started before version 1 of the survey was published (10/09/2025 09:00): 1, the earliest at 01/01/1970 07:00.',
    )
    expect(r.responses[future.id]).toMatchObject({ submittedAt: future.submittedAt, voided: null })
  })

  it('settles a time flag once its responses are voided, and keeps them listed', async () => {
    const future = makeResponse(at('2030-01-01T08:00:00+07:00', '2030-01-01T08:10:00+07:00'))
    await t.request('/api/sync', { json: { responses: [future] }, as: 'surveyor' })
    const voided = await t.request(`/api/review/responses/${future.id}/void`, {
      as: 'supervisor',
      json: { reason: 'đồng hồ máy tính bảng sai' },
    })
    expect(voided.status).toBe(200)
    const r = await report()
    expect(r.flags.filter((f) => f.kind === 'future-time')).toMatchObject([{ open: false, responseIds: [future.id] }])
    expect(r.counts['future-time']).toEqual({ flags: 1, open: 0 })
  })
})
