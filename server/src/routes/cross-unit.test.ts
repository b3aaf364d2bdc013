import type { SyncReply, SyncResult } from '@parsurvey/shared'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../auth/password.ts'
import { errorOf, makeResponse, PASSWORD, startTestApp, type TestApp } from '../testing/harness.ts'

/**
 * A response id is global, but what a response says belongs to its unit: nobody learns from an
 * id they hold whether another unit's response has it, and nobody outside may put a conflict
 * into another unit's review queue (issue 13, item 18).
 */
let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
  const passwordHash = await hashPassword(PASSWORD)
  t.services.sqlite.users.create({ username: 'surveyor-b', role: 'surveyor', units: ['huyen-b'], passwordHash })
  t.services.sqlite.users.create({ username: 'colleague', role: 'surveyor', units: ['huyen-a'], passwordHash })
})
afterEach(() => t.close())

const EN = { 'accept-language': 'en' }
async function sync(responses: unknown[], as: string): Promise<SyncResult[]> {
  const res = await t.request('/api/sync', { json: { responses }, as, headers: EN })
  expect(res.status).toBe(200)
  return ((await res.json()) as SyncReply).results
}
const conflictRows = () => t.db.prepare('SELECT COUNT(*) FROM conflicts').pluck().get()
const queue = async (as: string) =>
  ((await (await t.request('/api/review/conflicts', { as })).json()) as { conflicts: unknown[] }).conflicts
const CHANGED = { q1: 'poor', q2: 'very-good', q3: 'fair' }

describe('a resend of a response the sender may not see', () => {
  it("is refused without a conflict when another unit's id comes back under the sender's unit", async () => {
    const theirs = makeResponse({ unitId: 'huyen-b' })
    expect((await sync([theirs], 'surveyor-b'))[0]!.status).toBe('stored')
    const results = await sync(
      [
        { ...theirs, unitId: 'huyen-a' },
        { ...theirs, id: theirs.id.toUpperCase(), unitId: 'huyen-a', answers: CHANGED },
      ],
      'surveyor',
    )
    for (const receipt of results) {
      expect(receipt).toMatchObject({ id: theirs.id, status: 'rejected', hash: null })
      expect(receipt.error).toMatchObject({ code: 'response-id-taken', field: 'id' })
      expect(receipt.error!.message).not.toContain('huyen-b')
    }
    expect(conflictRows()).toBe(0)
    expect(await queue('admin')).toEqual([])
    expect(await queue('supervisor')).toEqual([])
  })

  it("is refused from a colleague of the same unit, who cannot see the surveyor's responses", async () => {
    const own = makeResponse()
    await sync([own], 'surveyor')
    const [receipt] = await sync([{ ...own, answers: CHANGED }], 'colleague')
    expect(receipt).toMatchObject({ status: 'rejected', error: { code: 'response-id-taken' } })
    expect(conflictRows()).toBe(0)
    // The same content is acknowledged: it proves nothing the colleague did not already hold.
    expect((await sync([own], 'colleague'))[0]!.status).toBe('duplicate')
  })

  it('still gives a conflict for review to the surveyor who sent it and to a supervisor of its unit', async () => {
    const own = makeResponse()
    await sync([own], 'surveyor')
    expect((await sync([{ ...own, answers: CHANGED }], 'surveyor'))[0]!.status).toBe('conflict')
    expect((await sync([{ ...own, answers: { ...CHANGED, q3: 'good' } }], 'supervisor'))[0]!.status).toBe('conflict')
    expect(await queue('supervisor')).toHaveLength(2)
  })
})

describe("review actions on another unit's response", () => {
  const reason = { reason: 'phiếu ghi nhầm đơn vị' }

  it('answer exactly as for an id that does not exist', async () => {
    const theirs = makeResponse({ unitId: 'huyen-b' })
    await sync([theirs], 'surveyor-b')
    const missing = randomUUID()
    for (const action of ['void', 'restore']) {
      const hidden = await t.request(`/api/review/responses/${theirs.id}/${action}`, {
        as: 'supervisor',
        json: reason,
        headers: EN,
      })
      const absent = await t.request(`/api/review/responses/${missing}/${action}`, {
        as: 'supervisor',
        json: reason,
        headers: EN,
      })
      expect([hidden.status, absent.status]).toEqual([404, 404])
      const [a, b] = [await errorOf(hidden), await errorOf(absent)]
      expect({ ...a, message: a.message.replace(theirs.id, '<id>') }).toEqual({
        ...b,
        message: b.message.replace(missing, '<id>'),
      })
    }
    expect(t.db.prepare('SELECT COUNT(*) FROM response_voids').pluck().get()).toBe(0)
  })

  it('answer a conflict of another unit as one that does not exist, and accept an id in upper case', async () => {
    const theirs = makeResponse({ unitId: 'huyen-b' })
    await sync([theirs], 'admin')
    await sync([{ ...theirs, answers: CHANGED }], 'admin')
    const seq = t.db.prepare('SELECT seq FROM conflicts').pluck().get() as number
    const resolve = (n: number) =>
      t.request(`/api/review/conflicts/${n}/resolve`, {
        as: 'supervisor',
        json: { action: 'keep-original', reason: 'x' },
        headers: EN,
      })
    const [hidden, absent] = [await resolve(seq), await resolve(seq + 1)]
    expect([hidden.status, absent.status]).toEqual([404, 404])
    expect((await errorOf(hidden)).code).toBe((await errorOf(absent)).code)
    const res = await t.request(`/api/review/responses/${theirs.id.toUpperCase()}/void`, { as: 'admin', json: reason })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { response: { id: string } }).response.id).toBe(theirs.id)
  })
})
