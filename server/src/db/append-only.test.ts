import type { BatchWithCodes } from '@parsurvey/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

/**
 * The history tables refuse UPDATE and DELETE in the database itself (triggers of migrations
 * 001–004, 070 and 080), so no code path, present or future, can rewrite what was received or decided
 * (docs/threat-model.md, "Integrity of the data").
 */
let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
  const first = makeResponse()
  const sync = (response: typeof first) => t.request('/api/sync', { as: 'surveyor', json: { responses: [response] } })
  await sync(first)
  await sync({ ...first, answers: { ...first.answers, q1: 'poor' } })
  const seq = t.db.prepare('SELECT seq FROM conflicts').pluck().get() as number
  const resolve = { action: 'accept-new', reason: 'sửa theo phiếu gửi lại' }
  expect((await t.request(`/api/review/conflicts/${seq}/resolve`, { as: 'admin', json: resolve })).status).toBe(200)
  const voided = await t.request(`/api/review/responses/${first.id}/void`, { as: 'admin', json: { reason: 'nhầm' } })
  expect(voided.status).toBe(200)
  t.services.sqlite.selfAssessments.apply(
    { surveyId: 'test-2025-district', surveyVersion: 1 },
    new Map([['huyen-a', 60]]),
    null,
    'test',
    { domains: { 'huyen-a': { 1: 40, 2: 20 } } },
  )
  t.services.sqlite.adjustments.apply(
    { surveyId: 'test-2025-district', surveyVersion: 1 },
    [{ unitId: 'huyen-a', points: -1, reason: 'test' }],
    null,
    'test',
  )
  const batch = {
    surveyId: 'test-2025-district',
    version: 1,
    unitId: 'huyen-a',
    groupId: 'citizen',
    locationId: 'xa-1',
    count: 1,
  }
  const issued = (await (await t.request('/api/codes/batches', { as: 'admin', json: batch })).json()) as BatchWithCodes
  const { id, startedAt, submittedAt } = makeResponse()
  const online = { id, answers: { q1: 'very-good', q3: 'good', q4: 'dont-know' }, startedAt, submittedAt }
  expect((await t.request(`/api/respond/${issued.codes[0]!.code}`, { json: online })).status).toBe(201)
  const doubleEntry = { method: 'PUT', as: 'admin', json: { enabled: true } }
  expect((await t.request('/api/surveys/test-2025-district/double-entry', doubleEntry)).status).toBe(200)
  await sync(makeResponse({ channel: 'paper', paperSerial: 'P-1' }))
})
afterAll(() => t.close())

/** Each table with a column to "change" (set to itself: the trigger must refuse even that). */
const TABLES = [
  ['surveys', 'hash', 'published surveys are immutable'],
  ['responses', 'hash', 'responses are append-only'],
  ['audit_log', 'action', 'the audit log is append-only'],
  ['response_voids', 'reason', 'response voids are append-only'],
  ['response_corrections', 'reason', 'response corrections are append-only'],
  ['conflict_resolutions', 'reason', 'conflict resolutions are append-only'],
  ['self_assessment_sets', 'source', 'self-assessment sets are append-only'],
  ['self_assessment_values', 'points', 'self-assessment values are append-only'],
  ['self_assessment_domain_values', 'points', 'self-assessment values are append-only'],
  ['adjustment_sets', 'source', 'adjustment sets are append-only'],
  ['adjustment_rows', 'reason', 'adjustment rows are append-only'],
  ['paper_keyings', 'keying', 'paper keyings are append-only'],
] as const

describe('append-only tables', () => {
  it.each(TABLES)('%s refuses UPDATE and DELETE', (table, column, message) => {
    expect(t.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()).toBeGreaterThan(0)
    expect(() => t.db.prepare(`UPDATE ${table} SET ${column} = ${column}`).run()).toThrow(message)
    expect(() => t.db.prepare(`DELETE FROM ${table}`).run()).toThrow(message)
  })

  it('a used access code never changes, and no code is ever deleted', () => {
    const used = 'UPDATE access_codes SET used_at = used_at WHERE used_at IS NOT NULL'
    expect(() => t.db.prepare(used).run()).toThrow('an access code is used only once')
    expect(() => t.db.prepare('DELETE FROM access_codes').run()).toThrow('access codes are never deleted')
  })
})
