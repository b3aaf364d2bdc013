import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'
import { effectiveResponses } from '../db/effective-responses.ts'
import { rebuildAggregates } from './rebuild.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const TABLES = {
  'agg_cells WHERE count <> 0 OR dont_know <> 0': 'unit_id, group_id, question_id',
  'agg_options WHERE count <> 0': 'unit_id, group_id, question_id, value',
  'agg_tallies WHERE responses <> 0': 'unit_id, group_id, location_id',
  'agg_progress WHERE responses <> 0': 'unit_id, received_by, day',
}
type Row = Record<string, unknown>
/**
 * The live aggregates as a reader sees them: folded up to the last stored response first. Rows
 * a void brought down to zero are left out (the incremental path keeps them, a rebuild does not).
 */
function snapshot(): Record<string, Row[]> {
  t.services.folding.flush()
  return Object.fromEntries(
    Object.entries(TABLES).map(([table, order]) => [
      table,
      t.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Row[],
    ]),
  )
}

/**
 * The float `sum`/`sum_sq` of a cell depend on addition order (ingest adds a batch's merged delta,
 * the rebuild one response at a time), so they must agree to 1e-9 relative; every count, don't-know,
 * option count and tally must agree exactly. Scores use the integer option counts, not these sums.
 */
function expectSameAggregates(actual: Record<string, Row[]>, expected: Record<string, Row[]>) {
  const cellsOf = (snap: Record<string, Row[]>) =>
    Object.entries(snap).find(([table]) => table.startsWith('agg_cells'))?.[1] ?? []
  const floats = (rows: Row[]) => rows.map((r) => [r.sum, r.sum_sq] as [number, number])
  const exact = (snap: Record<string, Row[]>) => ({
    ...Object.fromEntries(Object.entries(snap).filter(([table]) => !table.startsWith('agg_cells'))),
    cells: cellsOf(snap).map(({ sum: _sum, sum_sq: _sumSq, ...rest }) => rest),
  })
  expect(exact(actual)).toEqual(exact(expected))
  const want = floats(cellsOf(expected))
  floats(cellsOf(actual)).forEach(([sum, sumSq], i) => {
    const [wantSum, wantSumSq] = want[i]!
    expect(Math.abs(sum - wantSum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(wantSum)))
    expect(Math.abs(sumSq - wantSumSq)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(wantSumSq)))
  })
}

/**
 * A deterministic spread of answers, including don't-knows, blanks and scores like 0.75 whose sums
 * round; keyed from paper, where a required question may be blank.
 */
function responses(count: number) {
  const values = ['very-good', 'good', 'fair', 'poor', 'dont-know', null] as const
  return Array.from({ length: count }, (_, i) => {
    const pick = (k: number) => values[(i * 7 + k * 3) % values.length]!
    const citizen = i % 3 === 0
    return makeResponse({
      channel: 'paper',
      unitId: i % 4 === 0 ? 'huyen-b' : 'huyen-a',
      groupId: citizen ? 'citizen' : 'leader',
      locationId: citizen && i % 4 !== 0 ? (i % 2 ? 'xa-1' : 'xa-2') : null,
      // `age` is an unscored profile question: option counts only, no score cell.
      answers: {
        ...(citizen ? { q1: pick(1), q3: pick(2), q4: pick(3) } : { q1: pick(1), q2: pick(2), q3: pick(3) }),
        age: i % 2 ? 'under-35' : '35-plus',
      },
    })
  })
}

describe('rebuildAggregates', () => {
  it('gives exactly the aggregates the incremental path keeps', async () => {
    const batch = responses(240)
    for (let i = 0; i < batch.length; i += 50) {
      const res = await t.request('/api/sync', { as: 'admin', json: { responses: batch.slice(i, i + 50) } })
      expect(res.status).toBe(200)
    }
    const incremental = snapshot()
    expect(Object.values(incremental)[0]!.length).toBeGreaterThan(10)

    const result = rebuildAggregates(t.services, makeSurvey())
    expect(result.responses).toBe(240)
    expectSameAggregates(snapshot(), incremental)
  })

  it('restores aggregates that were lost or damaged, and records the rebuild', async () => {
    await t.request('/api/sync', { as: 'admin', json: { responses: responses(30) } })
    const good = snapshot()
    t.db.prepare('DELETE FROM agg_cells').run()
    t.db.prepare("UPDATE agg_tallies SET responses = 999 WHERE unit_id = 'huyen-a'").run()
    t.db.prepare('DELETE FROM agg_progress').run()
    rebuildAggregates(t.services, makeSurvey(), null)
    expectSameAggregates(snapshot(), good)
    expect(t.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'aggregates-rebuild'").pluck().get()).toBe(1)
  })
})

describe('rebuildAggregates over reviewed responses, on threads', () => {
  /** 36 responses from two accounts over several days, one more voided, one corrected onto another day. */
  async function reviewedResponses(): Promise<void> {
    const all = responses(40).map((r, i) => ({
      ...r,
      submittedAt: `2025-10-0${1 + (i % 5)}T${i % 2 ? '16:59:30.5Z' : '23:10:00+07:00'}`,
    }))
    for (const [as, part] of [
      ['admin', all.slice(0, 25)],
      ['surveyor', all.slice(25).filter((r) => r.unitId === 'huyen-a')],
    ] as const) {
      const res = await t.request('/api/sync', { as, json: { responses: part } })
      expect(res.status).toBe(200)
    }
    const voided = all[3]!
    expect(
      (await t.request(`/api/review/responses/${voided.id}/void`, { as: 'admin', json: { reason: 'phiếu thử' } }))
        .status,
    ).toBe(200)
    const corrected = all[6]!
    const resend = {
      ...corrected,
      submittedAt: '2025-10-09T09:00:00+07:00',
      answers: { ...corrected.answers, q1: 'poor' },
    }
    await t.request('/api/sync', { as: 'admin', json: { responses: [resend] } })
    const seq = t.db.prepare('SELECT seq FROM conflicts WHERE response_id = ?').pluck().get(corrected.id) as number
    const resolved = await t.request(`/api/review/conflicts/${seq}/resolve`, {
      as: 'admin',
      json: { action: 'accept-new', reason: 'sửa lại' },
    })
    expect(resolved.status).toBe(200)
  }

  it('leaves voided responses out and counts corrections in their place, in the aggregates and the progress per day', async () => {
    await reviewedResponses()
    const incremental = snapshot()
    expect(rebuildAggregates(t.services, makeSurvey()).responses).toBe(36)
    expectSameAggregates(snapshot(), incremental)
    expect(t.db.prepare("SELECT COUNT(*) FROM agg_progress WHERE day = '2025-10-09'").pluck().get()).toBe(1)
    // The progress rows are the SQL definition's (migration 005, progressCounts.rebuild).
    const progress = () =>
      t.db.prepare('SELECT * FROM agg_progress WHERE responses <> 0 ORDER BY unit_id, received_by, day').all()
    const rebuilt = progress()
    t.services.sqlite.progressCounts.rebuild({ surveyId: 'test-2025-district', surveyVersion: 1 })
    expect(progress()).toEqual(rebuilt)
  })

  it('counts the same on worker threads, whichever thread takes which slice', async () => {
    await reviewedResponses()
    const incremental = snapshot()
    expect(
      rebuildAggregates(t.services, makeSurvey(), null, { workers: 2, slice: 3, workersOnly: true }).responses,
    ).toBe(36)
    expectSameAggregates(snapshot(), incremental)
    // And with this thread taking slices too.
    expect(rebuildAggregates(t.services, makeSurvey(), null, { workers: 1, slice: 2 }).responses).toBe(36)
    expectSameAggregates(snapshot(), incremental)
  })

  it('counts a response stored but not yet folded once', async () => {
    await t.request('/api/sync', { as: 'admin', json: { responses: responses(12) } })
    t.services.folding.flush()
    await t.request('/api/sync', { as: 'admin', json: { responses: responses(5) } })
    expect(t.services.folding.waiting).toBe(5)
    expect(rebuildAggregates(t.services, makeSurvey()).responses).toBe(17)
    t.services.folding.flush()
    expect(t.db.prepare('SELECT SUM(responses) FROM agg_tallies').pluck().get()).toBe(17)
    expect(t.db.prepare('SELECT SUM(responses) FROM agg_progress').pluck().get()).toBe(17)
  })

  it('fails on a worker as on this thread when a stored body is not a valid response, and changes nothing', async () => {
    await t.request('/api/sync', { as: 'admin', json: { responses: responses(8) } })
    const before = snapshot()
    // Stored responses are append-only; only damage on disk could do this.
    t.db.exec('DROP TRIGGER responses_append_only_update')
    t.db.prepare("UPDATE responses SET body = json_set(body, '$.submittedAt', 42) WHERE rowid = 5").run()
    expect(() => rebuildAggregates(t.services, makeSurvey())).toThrow()
    expect(() =>
      rebuildAggregates(t.services, makeSurvey(), null, { workers: 1, slice: 2, workersOnly: true }),
    ).toThrow(/a rebuild thread failed/)
    expect(snapshot()).toEqual(before)
  })

  it("reads a version scattered among another version's rows through the index, with the same counts", async () => {
    const v2 = makeSurvey({ version: 2 })
    t.services.sqlite.surveys.publish(v2, null)
    // Version 1 holds 4 of the 28 rows of its span.
    const mixed = responses(28).map((r, i) => (i % 9 === 0 ? r : { ...r, surveyVersion: 2 }))
    expect((await t.request('/api/sync', { as: 'admin', json: { responses: mixed } })).status).toBe(200)
    const incremental = snapshot()
    expect(rebuildAggregates(t.services, makeSurvey()).responses).toBe(4)
    expect(rebuildAggregates(t.services, v2).responses).toBe(24)
    expectSameAggregates(snapshot(), incremental)
    expect([...effectiveResponses(t.db, 'test-2025-district', 1)].map((r) => r.id)).toEqual(
      mixed.filter((_, i) => i % 9 === 0).map((r) => r.id),
    )
  })
})
