import type { SyncReply } from '@parsurvey/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorOf, makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const sync = async (responses: unknown[], as = 'surveyor', headers: Record<string, string> = {}) => {
  const res = await t.request('/api/sync', { json: { responses }, as, headers })
  expect(res.status).toBe(200)
  return ((await res.json()) as SyncReply).results
}
const storedCount = () => t.db.prepare('SELECT COUNT(*) FROM responses').pluck().get()

describe('POST /api/sync', () => {
  it('stores a new response and returns a receipt with its content hash', async () => {
    const response = makeResponse()
    const [receipt] = await sync([response])
    expect(receipt).toMatchObject({ id: response.id, status: 'stored' })
    expect(receipt!.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(Date.parse(receipt!.receivedAt)).not.toBeNaN()
    expect(storedCount()).toBe(1)
  })

  it('stores a response sent three times exactly once and acknowledges every resend', async () => {
    const batch = [
      makeResponse(),
      makeResponse({ groupId: 'citizen', answers: { q1: 'poor', q3: 'fair', q4: 'good' } }),
    ]
    const first = await sync(batch)
    const second = await sync(batch)
    const third = await sync(batch)
    expect(first.map((r) => r.status)).toEqual(['stored', 'stored'])
    expect(second.map((r) => r.status)).toEqual(['duplicate', 'duplicate'])
    expect(third.map((r) => r.status)).toEqual(['duplicate', 'duplicate'])
    expect(third.map((r) => r.hash)).toEqual(first.map((r) => r.hash))
    expect(storedCount()).toBe(2)
    t.services.folding.flush()
    const tally = t.db.prepare('SELECT SUM(responses) FROM agg_tallies').pluck().get()
    expect(tally).toBe(2)
  })

  it('treats one id in upper and lower case as one response, in one batch and across batches', async () => {
    const response = makeResponse()
    const upper = { ...response, id: response.id.toUpperCase() }
    const together = await sync([upper, response])
    expect(together.map((r) => [r.id, r.status])).toEqual([
      [response.id, 'stored'],
      [response.id, 'duplicate'],
    ])
    const later = makeResponse()
    expect((await sync([later]))[0]).toMatchObject({ id: later.id, status: 'stored' })
    const [again] = await sync([{ ...later, id: later.id.toUpperCase() }])
    expect(again).toMatchObject({ id: later.id, status: 'duplicate' })
    const first = await sync([{ ...makeResponse(), id: makeResponse().id.toUpperCase() }])
    expect(first[0]!.id).toBe(first[0]!.id.toLowerCase())
    expect(storedCount()).toBe(3)
    expect(t.db.prepare('SELECT COUNT(*) FROM responses WHERE id <> lower(id)').pluck().get()).toBe(0)
    expect(t.db.prepare('SELECT COUNT(*) FROM conflicts').pluck().get()).toBe(0)
  })

  it('keeps a conflicting resend for review and never overwrites the stored response', async () => {
    const original = makeResponse()
    await sync([original])
    const changed = { ...original, answers: { ...original.answers, q1: 'poor' } }
    const [receipt] = await sync([changed], 'surveyor', { 'accept-language': 'en' })
    expect(receipt).toMatchObject({
      id: original.id,
      status: 'conflict',
      error: { code: 'response-conflict', field: 'id' },
    })
    const body = JSON.parse(t.db.prepare('SELECT body FROM responses WHERE id = ?').pluck().get(original.id) as string)
    expect(body.answers.q1).toBe('good')
    expect(t.db.prepare('SELECT COUNT(*) FROM conflicts').pluck().get()).toBe(1)
    await sync([changed])
    expect(t.db.prepare('SELECT COUNT(*) FROM conflicts').pluck().get()).toBe(1)
  })

  it('rejects a bad item with a reason naming the field and still stores the others', async () => {
    const good = makeResponse()
    const badUnit = makeResponse({ unitId: 'no-such-unit' })
    const badOption = makeResponse({ answers: { q1: 'excellent!!' } })
    const results = await sync([badUnit, good, badOption], 'surveyor', { 'accept-language': 'en' })
    expect(results.map((r) => r.status)).toEqual(['rejected', 'stored', 'rejected'])
    expect(results[0]!.error).toMatchObject({ field: 'unitId' })
    expect(results[2]!.error).toMatchObject({ field: 'answers.q1' })
    expect(results[0]!.error!.message).toContain('no-such-unit')
    expect(storedCount()).toBe(1)
  })

  it('rejects responses for a unit the surveyor is not assigned to', async () => {
    const [receipt] = await sync([makeResponse({ unitId: 'huyen-b' })])
    expect(receipt).toMatchObject({
      status: 'rejected',
      error: { code: 'response-unit-not-assigned', field: 'unitId' },
    })
    expect(storedCount()).toBe(0)
  })

  it('rejects an unknown survey version naming surveyVersion', async () => {
    const [receipt] = await sync([makeResponse({ surveyVersion: 7 })])
    expect(receipt).toMatchObject({
      status: 'rejected',
      error: { code: 'response-unknown-survey', field: 'surveyVersion' },
    })
  })

  it('refuses oversized batches with 413 and a clear message', async () => {
    const res = await t.request('/api/sync', {
      json: { responses: new Array(501).fill({}) },
      as: 'surveyor',
      headers: { 'accept-language': 'en' },
    })
    expect(res.status).toBe(413)
    expect(await errorOf(res)).toMatchObject({ code: 'sync-batch-too-large', field: 'responses' })
  })

  it('refuses a body over the size limit with 413', async () => {
    const res = await t.request('/api/sync', {
      body: `{"responses":["${'x'.repeat(6 * 1024 * 1024)}"]}`,
      as: 'surveyor',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(413)
    expect((await errorOf(res)).code).toBe('payload-too-large')
  })

  it('needs a log-in, and an analyst may not send responses', async () => {
    expect((await t.request('/api/sync', { json: { responses: [] } })).status).toBe(401)
    expect((await t.request('/api/sync', { json: { responses: [] }, as: 'analyst' })).status).toBe(403)
  })
})
