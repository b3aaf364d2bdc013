import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../server/src/testing/harness.ts'
import { fuzzEndpoints, fuzzTargets } from '../support/fuzz-endpoints.ts'

const PAYLOADS = 1050

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

describe('every public endpoint under generated hostile input', () => {
  it(`answers ${PAYLOADS} payloads with 2xx or a clear 4xx, never a 5xx, and refused input changes nothing`, async () => {
    const runsPerTarget = Math.ceil(PAYLOADS / fuzzTargets().length)
    const stats = await fuzzEndpoints(t, { runsPerTarget, seed: 424242 })
    expect(stats.failures).toEqual([])
    expect(stats.payloads).toBeGreaterThanOrEqual(1000)
    expect(stats.statuses['5xx']).toBeUndefined()
  }, 170_000)
})

describe('values whose keys shadow toString (found by the fuzzer: they were 500s)', () => {
  const hostile = [{ toString: null, valueOf: null }]
  it.each([
    [
      'analyst',
      '/api/codes/batches',
      { surveyId: 'test-2025-district', version: hostile, unitId: 'huyen-a', groupId: 'leader', count: 1 },
    ],
    [
      'analyst',
      '/api/codes/batches',
      {
        surveyId: 'test-2025-district',
        version: 1,
        unitId: 'huyen-a',
        groupId: 'leader',
        count: 1,
        locationId: hostile,
      },
    ],
    ['admin', '/api/users', { username: 'new-one', role: hostile, units: ['huyen-a'] }],
    ['admin', '/api/review/conflicts/1/resolve', { action: hostile, reason: 'x' }],
  ] as const)('as %s, %s answers a 4xx naming the field', async (as, url, json) => {
    const res = await t.request(url, { as, json, headers: { origin: 'http://localhost' } })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })

  it('a sync item with such a survey version is rejected on its own receipt', async () => {
    const res = await t.request('/api/sync', {
      as: 'surveyor',
      json: { responses: [{ surveyId: 'x', surveyVersion: hostile }] },
    })
    expect(res.status).toBe(200)
    const { results } = (await res.json()) as { results: { status: string; error: { code: string } }[] }
    expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'response-unknown-survey' } })
  })
})
