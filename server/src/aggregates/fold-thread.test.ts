import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestBatch } from '../sync/ingest.ts'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'
import { startFoldThread } from './fold-thread.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const tallied = () => t.db.prepare('SELECT COALESCE(SUM(responses), 0) FROM agg_tallies').pluck().get() as number

describe('the fold thread', () => {
  it('folds what the request thread stores, on its own connection, and what is left when it stops', async () => {
    const logs: string[] = []
    const thread = startFoldThread(t.dbFile, t.services.folding, (line) => logs.push(line))
    const admin = t.services.users.findById(1)!
    ingestBatch(t.services, admin, [makeResponse(), makeResponse()], 'vi')
    // Nothing is staged on the request thread any more.
    expect(t.services.folding.waiting).toBe(0)
    for (let i = 0; i < 100 && tallied() < 2; i++) await new Promise((r) => setTimeout(r, 50))
    expect(tallied()).toBe(2)
    ingestBatch(t.services, admin, [makeResponse()], 'vi')
    await thread.stop()
    expect(tallied()).toBe(3)
    expect(logs).toEqual([])
  })

  it('leaves reads exact: a read folds on the request thread what the fold thread has not yet', async () => {
    const thread = startFoldThread(t.dbFile, t.services.folding, () => {})
    try {
      ingestBatch(t.services, t.services.users.findById(1)!, [makeResponse(), makeResponse(), makeResponse()], 'vi')
      const res = await t.request('/api/progress?surveyId=test-2025-district&version=1', { as: 'analyst' })
      expect(JSON.stringify(await res.json())).toContain('"responses":3')
    } finally {
      await thread.stop()
    }
    expect(tallied()).toBe(3)
  })
})
