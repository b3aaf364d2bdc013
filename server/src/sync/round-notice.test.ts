import type { SyncReply } from '@parsurvey/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const sync = async (responses: unknown[], locale = 'vi') => {
  const res = await t.request('/api/sync', {
    json: { responses },
    as: 'surveyor',
    headers: { 'accept-language': locale },
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as SyncReply).results
}

describe('a sync after the round closed', () => {
  it('stores the response and tells the surveyor, on the receipt and again on a resend', async () => {
    t.services.sqlite.rounds.set('test-2025-district', { opens: '2025-09-15', closes: '2025-11-15' }, null)
    const late = makeResponse()
    const [receipt] = await sync([late])
    expect(receipt).toMatchObject({ status: 'stored', notice: { code: 'sync-round-closed' } })
    expect(receipt!.notice!.message).toBe(
      'Đợt khảo sát đã kết thúc ngày 15/11/2025. Máy chủ vẫn lưu và tính phiếu này, nhưng phiếu được đánh dấu để giám sát viên xem xét.',
    )
    const [again] = await sync([late], 'en')
    expect(again).toMatchObject({ status: 'duplicate', notice: { code: 'sync-round-closed' } })
    expect(again!.notice!.message).toContain('The survey round closed on 15/11/2025.')
  })

  it('says nothing while the round is open, or for a survey without a round, or for a refused response', async () => {
    const [none] = await sync([makeResponse()])
    expect(none).not.toHaveProperty('notice')
    t.services.sqlite.rounds.set('test-2025-district', { opens: '2025-09-15', closes: '2999-12-31' }, null)
    const [open] = await sync([makeResponse()])
    expect(open).not.toHaveProperty('notice')
    t.services.sqlite.rounds.set('test-2025-district', { opens: '2025-09-15', closes: '2025-11-15' }, null)
    const [refused] = await sync([makeResponse({ unitId: 'nowhere' })])
    expect(refused).toMatchObject({ status: 'rejected' })
    expect(refused).not.toHaveProperty('notice')
  })
})
