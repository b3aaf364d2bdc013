import { makeSurvey } from '@parsurvey/shared/testing'
import type { Response } from '@parsurvey/shared'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase, type DB } from '../db/connection.ts'
import { createServices } from '../services.ts'
import { createLogger } from '../http/logger.ts'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'
import { ingestBatch } from '../testing/ingest.ts'
import { rebuildAggregates } from './rebuild.ts'

let t: TestApp
const others: DB[] = []
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => {
  vi.useRealTimers()
  for (const db of others.splice(0)) db.close()
  t.close()
})

/** Every aggregate row as stored (floats rounded: batch order changes their last bits only). */
function tables(db: DB): string[] {
  const round = (row: Record<string, unknown>) =>
    JSON.stringify(
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(9)) : v])),
    )
  return [
    'agg_cells WHERE count <> 0 OR dont_know <> 0',
    'agg_options WHERE count <> 0',
    'agg_tallies WHERE responses <> 0',
    'agg_progress WHERE responses <> 0',
  ]
    .flatMap((table) =>
      db
        .prepare(`SELECT * FROM ${table}`)
        .all()
        .map((row) => `${table.split(' ')[0]} ${round(row as Record<string, unknown>)}`),
    )
    .sort()
}

/** The tables a full rebuild gives, computed on the same file through another connection. */
function rebuilt(): string[] {
  const db = openDatabase(t.dbFile)
  others.push(db)
  rebuildAggregates(createServices(db), makeSurvey())
  return tables(db)
}

const responses = (n: number, overrides: Partial<Response> = {}) =>
  Array.from({ length: n }, (_, i) =>
    makeResponse({ answers: { q1: i % 2 ? 'good' : 'fair', q2: 'very-good', q3: 'fair' }, ...overrides }),
  )

const admin = () => t.services.sqlite.users.findById(1)!

describe('folding stored responses into the aggregates', () => {
  it('leaves a sync batch out of the tables until a fold, and any read folds first', async () => {
    await t.request('/api/sync', { as: 'admin', json: { responses: responses(3) } })
    expect(t.db.prepare('SELECT COUNT(*) FROM agg_tallies').pluck().get()).toBe(0)
    expect(t.services.folding.waiting).toBe(3)
    const progress = await (
      await t.request('/api/progress?surveyId=test-2025-district&version=1', { as: 'analyst' })
    ).json()
    expect(JSON.stringify(progress)).toContain('"responses":3')
    expect(t.services.folding.waiting).toBe(0)
    expect(tables(t.db)).toEqual(rebuilt())
  })

  it('after a crash (staged rows lost), the next start adds the unfolded responses from storage', () => {
    ingestBatch(t.services, admin(), responses(5), 'vi')
    ingestBatch(t.services, admin(), responses(4, { unitId: 'huyen-b' }), 'vi')
    // A new process on the same file: what the first had staged in memory is gone.
    const db = openDatabase(t.dbFile)
    others.push(db)
    const restarted = createServices(db)
    expect(restarted.folding.flush()).toEqual({ fromMemory: 0, fromStorage: 9 })
    expect(tables(db)).toEqual(rebuilt())
  })

  it('never counts a response twice when another process folded or rebuilt meanwhile', () => {
    ingestBatch(t.services, admin(), responses(6), 'vi')
    const db = openDatabase(t.dbFile)
    others.push(db)
    createServices(db).folding.flush()
    ingestBatch(t.services, admin(), responses(2), 'vi')
    // The staged rows started from a watermark that has moved: dropped, read back from storage.
    expect(t.services.folding.flush()).toEqual({ fromMemory: 0, fromStorage: 2 })
    expect(t.db.prepare('SELECT SUM(responses) FROM agg_tallies').pluck().get()).toBe(8)
    expect(tables(t.db)).toEqual(rebuilt())
  })

  it('logs a background fold that fails as a JSON line, and folds at the next try', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate'] })
    const lines: Record<string, unknown>[] = []
    const log = createLogger('error', { write: (line: string) => lines.push(JSON.parse(line)) })
    const db = openDatabase(t.dbFile)
    others.push(db)
    db.pragma('busy_timeout = 0')
    const services = createServices(db, { log })
    ingestBatch(services, admin(), responses(2), 'vi')
    // Another process (a CLI rebuild) holds the write lock when the fold is due.
    t.db.prepare('BEGIN IMMEDIATE').run()
    vi.runOnlyPendingTimers()
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'aggregates: fold failed, retrying' })])
    expect((lines[0]!.err as { code: string }).code).toBe('SQLITE_BUSY')
    expect(services.folding.waiting).toBe(2)
    t.db.prepare('ROLLBACK').run()
    vi.runOnlyPendingTimers()
    expect(services.folding.waiting).toBe(0)
    expect(lines).toHaveLength(1)
    expect(tables(db)).toEqual(rebuilt())
  })

  it('uses the staged rows when nothing else wrote, and drops a rolled-back batch', () => {
    ingestBatch(t.services, admin(), responses(4), 'vi')
    expect(t.services.folding.flush()).toEqual({ fromMemory: 4, fromStorage: 0 })
    const bad = responses(2)
    // A batch whose transaction fails after storing one response rolls back as a whole.
    t.db.exec(
      `CREATE TRIGGER fail_second BEFORE INSERT ON responses WHEN NEW.id = '${bad[1]!.id}' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    )
    expect(() => ingestBatch(t.services, admin(), bad, 'vi')).toThrow(/disk trouble/)
    t.db.exec('DROP TRIGGER fail_second')
    ingestBatch(t.services, admin(), responses(1), 'vi')
    t.services.folding.flush()
    expect(t.db.prepare('SELECT SUM(responses) FROM agg_tallies').pluck().get()).toBe(5)
    expect(tables(t.db)).toEqual(rebuilt())
  })

  it('keeps a void of a response not yet folded: it counts zero after the fold', async () => {
    const [r] = responses(1)
    ingestBatch(t.services, admin(), [r!], 'vi')
    const res = await t.request(`/api/review/responses/${r!.id}/void`, { as: 'admin', json: { reason: 'trùng phiếu' } })
    expect(res.status).toBe(200)
    t.services.folding.flush()
    expect(t.db.prepare('SELECT COALESCE(SUM(responses), 0) FROM agg_tallies').pluck().get()).toBe(0)
    expect(tables(t.db)).toEqual(rebuilt())
  })
})

describe('group commit of sync batches', () => {
  it('stores batches that arrive together in one transaction, each with its own receipts', async () => {
    const a = responses(2)
    const b = [...responses(3), a[0]!]
    const replies = await Promise.all([
      t.request('/api/sync', { as: 'admin', json: { responses: a } }),
      t.request('/api/sync', { as: 'admin', json: { responses: b } }),
    ])
    const statuses = (
      await Promise.all(replies.map((r) => r.json() as Promise<{ results: { status: string }[] }>))
    ).map((r) => r.results.map((x) => x.status))
    expect(statuses.map((s) => s.length)).toEqual([2, 4])
    // a[0] is in both: whichever batch comes first stores it, the other gets a duplicate.
    expect(statuses.flat().sort()).toEqual(['duplicate', 'stored', 'stored', 'stored', 'stored', 'stored'])
    expect(t.db.prepare('SELECT COUNT(*) FROM responses').pluck().get()).toBe(5)
  })

  it("one request's storage failure never fails another's batch sent at the same time", async () => {
    const good = responses(2)
    const doomed = responses(1)
    t.db.exec(
      `CREATE TRIGGER fail_one BEFORE INSERT ON responses WHEN NEW.id = '${doomed[0]!.id}' BEGIN SELECT RAISE(FAIL, 'disk trouble'); END`,
    )
    const [ok, failed] = await Promise.all([
      t.request('/api/sync', { as: 'admin', json: { responses: good } }),
      t.request('/api/sync', { as: 'admin', json: { responses: doomed } }),
    ])
    expect(ok.status).toBe(200)
    expect(failed.status, await failed.clone().text()).toBeGreaterThanOrEqual(500)
    expect(t.db.prepare('SELECT id FROM responses ORDER BY rowid').pluck().all()).toEqual(good.map((r) => r.id))
  })
})

describe('a rebuild beside unfolded responses', () => {
  it('counts each response once: the rebuilt version by the rebuild, the other versions by the fold', async () => {
    const other = { ...makeSurvey(), version: 2 }
    t.services.sqlite.surveys.publish(other, null)
    ingestBatch(t.services, admin(), responses(3), 'vi')
    ingestBatch(t.services, admin(), responses(2, { surveyVersion: 2 }), 'vi')
    expect(t.services.folding.waiting).toBe(5)
    rebuildAggregates(t.services, makeSurvey())
    const tally = (version: number) =>
      t.db.prepare('SELECT SUM(responses) FROM agg_tallies WHERE survey_version = ?').pluck().get(version) as number
    expect([tally(1), tally(2)]).toEqual([3, 2])
    t.services.folding.flush()
    expect([tally(1), tally(2)]).toEqual([3, 2])
  })
})
