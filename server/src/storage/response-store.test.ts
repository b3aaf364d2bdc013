import type { Response, SyncResult } from '@parsurvey/shared'
import { makeResponse, makeSurvey } from '@parsurvey/shared/testing'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { User } from '../db/users.ts'
import { prepareResponse, type CheckedBatch } from '../sync/ingest.ts'
import { seedStorage, storageEngines } from '../testing/storage-engines.ts'
import type { Storage } from './open-storage.ts'
import { responseStore } from './response-store.ts'

const survey = makeSurvey()
const surveyorA: User = { id: 1, username: 'lan', role: 'surveyor', units: ['huyen-a'], disabled: false }
const surveyorB: User = { id: 2, username: 'minh', role: 'surveyor', units: ['huyen-b'], disabled: false }

function batch(sender: User, responses: Response[], receivedAt = new Date().toISOString()): CheckedBatch {
  return {
    receivedAt,
    sender,
    locale: 'vi',
    items: responses.map((r) => ({ kind: 'valid' as const, ...prepareResponse(survey, r) })),
  }
}
const responses = (n: number, unitId = 'huyen-a') =>
  Array.from({ length: n }, () =>
    makeResponse({ id: randomUUID(), unitId, locationId: unitId === 'huyen-a' ? 'xa-1' : null }),
  )
const statuses = (results: SyncResult[]) => results.map((r) => r.status)

describe.each(storageEngines)('the sync response store on $name', (engine) => {
  let storage: Storage
  let drop: () => Promise<void>
  let other: () => Promise<Storage>
  const stored = async (s = storage) =>
    Number(
      (
        await s.db
          .selectFrom('responses')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeEach(async () => {
    ;({ storage, drop, other } = await engine.open())
    await seedStorage(storage, survey, [surveyorA, surveyorB])
  })
  afterEach(async () => {
    await drop()
  })

  it('stores new responses once and answers a resend of the same batch with duplicates', async () => {
    const store = responseStore(storage)
    const sent = responses(3)
    const [first] = await store.storeBatches([batch(surveyorA, sent, '2025-10-01T02:00:00.000Z')])
    expect(statuses(first!)).toEqual(['stored', 'stored', 'stored'])
    expect(first!.map((r) => r.id)).toEqual(sent.map((r) => r.id))
    const [again] = await store.storeBatches([batch(surveyorA, sent, '2025-10-02T02:00:00.000Z')])
    expect(statuses(again!)).toEqual(['duplicate', 'duplicate', 'duplicate'])
    // The receipt of a duplicate carries the time the response was first received.
    expect(again!.map((r) => r.receivedAt)).toEqual(Array(3).fill('2025-10-01T02:00:00.000Z'))
    expect(again!.map((r) => r.hash)).toEqual(first!.map((r) => r.hash))
    expect(await stored()).toBe(3)
  })

  it('keeps each receipt in its request order when several batches share one transaction', async () => {
    const store = responseStore(storage)
    const [a, b] = [responses(4), responses(2)]
    const shared = a[1]!
    const results = await store.storeBatches([batch(surveyorA, a), batch(surveyorA, [b[0]!, shared, b[1]!])])
    expect(results.map(statuses)).toEqual([
      ['stored', 'stored', 'stored', 'stored'],
      ['stored', 'duplicate', 'stored'],
    ])
    expect(results[1]!.map((r) => r.id)).toEqual([b[0]!.id, shared.id, b[1]!.id])
    expect(await stored()).toBe(6)
  })

  it('keeps a changed resend from its own surveyor as a conflict, once, and never overwrites', async () => {
    const store = responseStore(storage)
    const original = makeResponse({ id: randomUUID() })
    const changed = { ...original, answers: { ...original.answers, q1: 'poor' } }
    await store.storeBatches([batch(surveyorA, [original])])
    const [first] = await store.storeBatches([batch(surveyorA, [changed], '2025-10-03T00:00:00.000Z')])
    const [second] = await store.storeBatches([batch(surveyorA, [changed], '2025-10-04T00:00:00.000Z')])
    expect(first![0]).toMatchObject({ status: 'conflict', error: { code: 'response-conflict', field: 'id' } })
    expect(second![0]).toMatchObject({ status: 'conflict', receivedAt: '2025-10-03T00:00:00.000Z' })
    const conflicts = await storage.db.selectFrom('conflicts').selectAll().execute()
    expect(conflicts).toHaveLength(1)
    const row = await storage.db
      .selectFrom('responses')
      .select('hash')
      .where('id', '=', original.id)
      .executeTakeFirstOrThrow()
    expect(row.hash).toBe(prepareResponse(survey, original).hash)
  })

  it("refuses another unit's surveyor an id that is taken, and keeps nothing of theirs", async () => {
    const store = responseStore(storage)
    const original = makeResponse({ id: randomUUID() })
    await store.storeBatches([batch(surveyorA, [original])])
    const intruder = makeResponse({ id: original.id, unitId: 'huyen-b', locationId: null })
    const [result] = await store.storeBatches([batch(surveyorB, [intruder])])
    expect(result![0]).toMatchObject({
      status: 'rejected',
      hash: null,
      error: { code: 'response-id-taken', field: 'id' },
    })
    expect(result![0]!.error!.message).toMatch(/[ăâđêôơư]/) // Vietnamese first
    expect(await storage.db.selectFrom('conflicts').selectAll().execute()).toHaveLength(0)
    expect(await stored()).toBe(1)
  })

  it('passes rejected items through untouched beside stored ones', async () => {
    const store = responseStore(storage)
    const good = responses(1)
    const refused: SyncResult = {
      id: 'bad',
      status: 'rejected',
      hash: null,
      receivedAt: 'x',
      error: { code: 'invalid-request', message: 'm' },
    }
    const checked = batch(surveyorA, good)
    checked.items.unshift({ kind: 'rejected', result: refused })
    const [results] = await store.storeBatches([checked])
    expect(results).toEqual([refused, expect.objectContaining({ id: good[0]!.id, status: 'stored' })])
  })

  it('stores each response once when two connections send the same batch at the same time', async () => {
    const second = await other()
    try {
      const sent = responses(600) // more than one INSERT chunk
      const reversed = [...sent].reverse() // the other order must not deadlock either
      const [x, y] = await Promise.all([
        responseStore(storage).storeBatches([batch(surveyorA, sent)]),
        responseStore(second).storeBatches([batch(surveyorA, reversed)]),
      ])
      const byId = new Map<string, string[]>()
      for (const r of [...x![0]!, ...y![0]!]) byId.set(r.id, [...(byId.get(r.id) ?? []), r.status])
      expect(byId.size).toBe(600)
      for (const got of byId.values()) expect(got.sort()).toEqual(['duplicate', 'stored'])
      expect(await stored()).toBe(600)
      expect(await stored(second)).toBe(600)
    } finally {
      if (second !== storage) await second.close()
    }
  })
})
