import { MAX_RECEIPT_IDS, type ReceiptsReply, type Response, type SyncResult } from '@parsurvey/shared'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../auth/password.ts'
import { errorOf, makeResponse, PASSWORD, startTestApp, type TestApp } from '../testing/harness.ts'

/**
 * `GET /api/sync/receipts`: a tablet asks again where its sent responses stand, so that a paper
 * form keyed under double entry shows the second keying's or the supervisor's decision, not only
 * the state the form was in when this keying was received.
 */
let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
  t.services.sqlite.users.create({
    username: 'surveyor2',
    role: 'surveyor',
    units: ['huyen-a'],
    passwordHash: await hashPassword(PASSWORD),
  })
  const on = await t.request('/api/surveys/test-2025-district/double-entry', {
    method: 'PUT',
    json: { enabled: true },
    as: 'admin',
  })
  expect(on.status).toBe(200)
})
afterEach(() => t.close())

const paper = (serial: string, answers: Response['answers'] = { q1: 'good', q2: 'very-good', q3: 'fair' }) =>
  makeResponse({ channel: 'paper', paperSerial: serial, answers })

async function sync(responses: Response[], as = 'surveyor'): Promise<SyncResult[]> {
  const res = await t.request('/api/sync', { json: { responses }, as })
  expect(res.status).toBe(200)
  return ((await res.json()) as { results: SyncResult[] }).results
}
const ask = (ids: string[], as = 'surveyor', locale = 'vi') =>
  t.request(`/api/sync/receipts?ids=${ids.map(encodeURIComponent).join(',')}`, {
    as,
    headers: { 'accept-language': locale },
  })
async function receipts(ids: string[], as = 'surveyor'): Promise<SyncResult[]> {
  const res = await ask(ids, as)
  expect(res.status).toBe(200)
  return ((await res.json()) as ReceiptsReply).receipts
}

describe('receipts asked again', () => {
  it('tell the first keyer that the second keying matched, as a resend would', async () => {
    const first = paper('BK-1')
    const [r1] = await sync([first])
    expect(r1).toMatchObject({ status: 'stored', paperEntry: { state: 'awaiting', keying: 1 } })
    expect(await receipts([first.id])).toEqual([
      { id: first.id, status: 'duplicate', hash: r1!.hash, receivedAt: r1!.receivedAt, paperEntry: r1!.paperEntry },
    ])

    await sync([paper('bk 1')], 'surveyor2')
    const [now] = await receipts([first.id])
    expect(now).toEqual({ ...r1, status: 'duplicate', paperEntry: { ...r1!.paperEntry!, state: 'matched' } })
    // Exactly what resending the whole response would have told.
    const [resent] = await sync([first])
    expect(resent).toEqual(now)
  })

  it('tell both keyers of a conflicting form that the supervisor settled it', async () => {
    const a = paper('77', { q1: 'good', q2: 'very-good', q3: 'fair' })
    const b = paper('77', { q1: 'good', q2: 'poor', q3: 'fair' })
    const [ra] = await sync([a])
    const [rb] = await sync([b], 'surveyor2')
    expect(rb!.paperEntry).toMatchObject({ state: 'conflict', keying: 2 })
    expect((await receipts([a.id]))[0]!.paperEntry).toMatchObject({ state: 'conflict', keying: 1 })

    const settled = await t.request(`/api/review/paper-forms/${ra!.paperEntry!.formId}/resolve`, {
      json: { base: 1, picks: { q2: 2 }, reason: 'đối chiếu với phiếu giấy' },
      as: 'supervisor',
    })
    expect(settled.status).toBe(200)
    expect((await receipts([a.id]))[0]!.paperEntry).toEqual({
      formId: ra!.paperEntry!.formId,
      state: 'resolved',
      keying: 1,
    })
    expect((await receipts([b.id], 'surveyor2'))[0]!.paperEntry).toMatchObject({ state: 'resolved', keying: 2 })
  })

  it('answer only the caller’s own responses: others’ ids and unknown ids are left out alike', async () => {
    const mine = paper('M-1')
    const field = makeResponse()
    const theirs = paper('T-1')
    await sync([mine, field])
    await sync([theirs], 'surveyor2')
    const unknown = randomUUID()

    // Ids in another case, repeated, among others' and unknown ones: the caller's own, once each.
    const got = await receipts([mine.id.toUpperCase(), theirs.id, unknown, field.id, mine.id.toUpperCase()])
    expect(got.map((r) => r.id)).toEqual([mine.id.toUpperCase(), field.id])
    // A response that is no paper form has no paper entry.
    expect(got[1]).not.toHaveProperty('paperEntry')
    // The unit's supervisor and an admin sent none of these: nothing, not even whether they exist.
    expect(await receipts([mine.id, theirs.id], 'supervisor')).toEqual([])
    expect(await receipts([mine.id, theirs.id], 'admin')).toEqual([])
    expect((await ask([mine.id], 'analyst')).status).toBe(403)
    expect((await t.request(`/api/sync/receipts?ids=${mine.id}`)).status).toBe(401)
  })

  it('refuse a missing, empty, too long or oversized list, in the reader’s language, naming the field', async () => {
    const tooMany = Array.from({ length: MAX_RECEIPT_IDS + 1 }, () => randomUUID())
    for (const query of ['', '?ids=', '?ids=,,', `?ids=${'x'.repeat(101)}`, `?ids=${tooMany.join(',')}`]) {
      const res = await t.request(`/api/sync/receipts${query}`, {
        as: 'surveyor',
        headers: { 'accept-language': 'vi' },
      })
      expect(res.status, query.slice(0, 20)).toBe(400)
      expect(await errorOf(res)).toEqual({
        code: 'sync-receipt-ids',
        field: 'ids',
        message: `Trường "ids" phải liệt kê từ 1 đến ${MAX_RECEIPT_IDS} mã phiếu, cách nhau bằng dấu phẩy.`,
      })
    }
    const en = await ask([], 'surveyor', 'en')
    expect((await errorOf(en)).message).toBe(
      `The field "ids" must list 1 to ${MAX_RECEIPT_IDS} response ids, separated by commas.`,
    )
    // Exactly the most allowed is fine.
    expect(await receipts(tooMany.slice(0, MAX_RECEIPT_IDS))).toEqual([])
  })
})
