import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rebuildAggregates } from '../aggregates/rebuild.ts'
import { openDatabase } from '../db/connection.ts'
import { createServices } from '../services.ts'
import { ingestBatch } from '../testing/ingest.ts'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const query = '?surveyId=test-2025-district&version=1'
type Unit = { unitId: string; responses: number; surveyPoints: number; selfAssessment: number | null }

async function unitA(): Promise<Unit> {
  const res = await t.request(`/api/scores${query}`, { as: 'analyst' })
  expect(res.status).toBe(200)
  return ((await res.json()) as { units: Unit[] }).units.find((u) => u.unitId === 'huyen-a')!
}

async function sync(...responses: ReturnType<typeof makeResponse>[]) {
  const res = await t.request('/api/sync', { as: 'admin', json: { responses } })
  expect(res.status).toBe(200)
}

describe('GET /api/scores after score inputs change', () => {
  it('shows a response stored after the previous request', async () => {
    await sync(makeResponse())
    expect((await unitA()).responses).toBe(1)
    expect((await unitA()).responses).toBe(1) // served again, unchanged
    await sync(makeResponse({ answers: { q1: 'poor', q2: 'poor', q3: 'poor' } }))
    const after = await unitA()
    expect(after.responses).toBe(2)
  })

  it('drops a voided response and brings it back when restored', async () => {
    const bad = makeResponse({ answers: { q1: 'poor', q2: 'poor', q3: 'poor' } })
    await sync(makeResponse(), bad)
    const both = await unitA()
    expect(both.responses).toBe(2)
    expect(
      (
        await t.request(`/api/review/responses/${bad.id}/void`, {
          as: 'supervisor',
          json: { reason: 'phiếu ghi nhầm đơn vị' },
        })
      ).status,
    ).toBe(200)
    const voided = await unitA()
    expect(voided.responses).toBe(1)
    expect(voided.surveyPoints).toBeGreaterThan(both.surveyPoints)
    expect(
      (
        await t.request(`/api/review/responses/${bad.id}/restore`, {
          as: 'supervisor',
          json: { reason: 'đúng đơn vị' },
        })
      ).status,
    ).toBe(200)
    expect(await unitA()).toEqual(both)
  })

  it('shows a self-assessment set applied after the previous request', async () => {
    await sync(makeResponse())
    expect((await unitA()).selfAssessment).toBeNull()
    const cookie = await t.login('analyst')
    const res = await t.app.request(`/api/self-assessment/apply${query}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/csv' },
      body: 'unitId,selfAssessment\nhuyen-a,42\n',
    })
    expect(res.status).toBe(201)
    expect((await unitA()).selfAssessment).toBe(42)
  })

  it('shows what another connection committed (the CLI writing beside the server)', async () => {
    await sync(makeResponse())
    expect((await unitA()).responses).toBe(1)
    const other = openDatabase(t.dbFile)
    try {
      const services = createServices(other)
      const admin = { id: 1, username: 'cli', role: 'admin' as const, units: 'all' as const, disabled: false }
      expect(ingestBatch(services, admin, [makeResponse()], 'vi')[0]!.status).toBe('stored')
      expect((await unitA()).responses).toBe(2)
      // A rebuild in the other process after the aggregates were damaged there.
      other.prepare("UPDATE agg_tallies SET responses = 99 WHERE unit_id = 'huyen-a'").run()
      expect((await unitA()).responses).toBe(99)
      rebuildAggregates(services, makeSurvey())
      expect((await unitA()).responses).toBe(2)
    } finally {
      other.close()
    }
  })
})
