import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'
import { rebuildAggregates } from './rebuild.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const TABLES = {
  agg_cells: 'unit_id, group_id, question_id',
  agg_options: 'unit_id, group_id, question_id, value',
  agg_tallies: 'unit_id, group_id, location_id',
}
type Row = Record<string, unknown>
/** The live aggregates as a reader sees them: folded up to the last stored response first. */
function snapshot(): Record<string, Row[]> {
  t.services.folding.flush()
  return Object.fromEntries(Object.entries(TABLES).map(([table, order]) => [table, t.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Row[]]))
}

/**
 * The float `sum`/`sum_sq` of a cell depend on addition order (ingest adds a batch's merged delta,
 * the rebuild one response at a time), so they must agree to 1e-9 relative; every count, don't-know,
 * option count and tally must agree exactly. Scores use the integer option counts, not these sums.
 */
function expectSameAggregates(actual: Record<string, Row[]>, expected: Record<string, Row[]>) {
  const floats = (rows: Row[] | undefined) => (rows ?? []).map((r) => [r.sum, r.sum_sq] as [number, number])
  const exact = (snap: Record<string, Row[]>) => ({
    ...snap,
    agg_cells: (snap.agg_cells ?? []).map(({ sum: _sum, sum_sq: _sumSq, ...rest }) => rest),
  })
  expect(exact(actual)).toEqual(exact(expected))
  const want = floats(expected.agg_cells)
  floats(actual.agg_cells).forEach(([sum, sumSq], i) => {
    const [wantSum, wantSumSq] = want[i]!
    expect(Math.abs(sum - wantSum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(wantSum)))
    expect(Math.abs(sumSq - wantSumSq)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(wantSumSq)))
  })
}

/** A deterministic spread of answers, including don't-knows, blanks and scores like 0.75 whose sums round. */
function responses(count: number) {
  const values = ['very-good', 'good', 'fair', 'poor', 'dont-know', null] as const
  return Array.from({ length: count }, (_, i) => {
    const pick = (k: number) => values[(i * 7 + k * 3) % values.length]!
    const citizen = i % 3 === 0
    return makeResponse({
      unitId: i % 4 === 0 ? 'huyen-b' : 'huyen-a',
      groupId: citizen ? 'citizen' : 'leader',
      locationId: citizen && i % 4 !== 0 ? (i % 2 ? 'xa-1' : 'xa-2') : null,
      // `age` is an unscored profile question: option counts only, no score cell.
      answers: { ...(citizen ? { q1: pick(1), q3: pick(2), q4: pick(3) } : { q1: pick(1), q2: pick(2), q3: pick(3) }), age: i % 2 ? 'under-35' : '35-plus' },
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
    expect(incremental.agg_cells!.length).toBeGreaterThan(10)

    const result = rebuildAggregates(t.services, makeSurvey())
    expect(result.responses).toBe(240)
    expectSameAggregates(snapshot(), incremental)
  })

  it('restores aggregates that were lost or damaged, and records the rebuild', async () => {
    await t.request('/api/sync', { as: 'admin', json: { responses: responses(30) } })
    const good = snapshot()
    t.db.prepare('DELETE FROM agg_cells').run()
    t.db.prepare("UPDATE agg_tallies SET responses = 999 WHERE unit_id = 'huyen-a'").run()
    rebuildAggregates(t.services, makeSurvey(), null)
    expectSameAggregates(snapshot(), good)
    expect(t.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'aggregates-rebuild'").pluck().get()).toBe(1)
  })
})
