import { applyRows, emptyState, responseContributions, stateToRows, type Response } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { User } from '../db/users.ts'
import { scoreServicesOn, type ScoreServices } from '../scores-services.ts'
import { portVariants, type PortCase } from '../testing/port-engines.ts'
import { checkedBatch, normalRows, responses } from '../testing/response-fixtures.ts'
import { seedStorage } from '../testing/storage-engines.ts'
import { responseStore } from './response-store.ts'
import { reviewActionStore } from './review-action-store.ts'

type Reads = Pick<ScoreServices, 'aggregates' | 'progressCounts'>

const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const lan: User = { id: 1, username: 'lan', role: 'surveyor', units: ['huyen-a', 'huyen-b'], disabled: false }
const minh: User = { id: 2, username: 'minh', role: 'surveyor', units: ['huyen-b'], disabled: false }
const admin: User = { id: 3, username: 'quan-tri', role: 'admin', units: 'all', disabled: false }

/**
 * The reads of scores and progress through their ports: the running SQLite server's (its
 * repositories behind the port, folding with folding.ts) and the Kysely stores on SQLite and
 * PostgreSQL (folding with the aggregate store). Every read folds first, so what was stored,
 * through any server, is read without a fold being asked for.
 */
const variants = portVariants<Reads>(
  (services) => ({ aggregates: services.aggregates, progressCounts: services.progressCounts }),
  (storage) => scoreServicesOn(storage),
)

/** The aggregate rows of `sent` counted by the pure scoring code. */
function pureRows(sent: Response[]) {
  const state = emptyState()
  for (const r of sent) applyRows(state, responseContributions(survey, r), 1)
  return normalRows(stateToRows(state))
}

const byUnitDay = <T extends { unitId: string }>(rows: T[], by: (r: T) => string) =>
  [...rows].sort((a, b) => (`${a.unitId}|${by(a)}` < `${b.unitId}|${by(b)}` ? -1 : 1))

describe.each(variants)('the reads of scores and progress through $name', (variant) => {
  let c: PortCase<Reads>
  beforeEach(async () => {
    c = await variant.open()
    await seedStorage(c.storage, survey, [lan, minh, admin])
  })
  afterEach(() => c.drop())

  const store = async (sender: User, sent: Response[], storage = c.storage) =>
    responseStore(storage).storeBatches([checkedBatch(survey, sender, sent)])

  it('reads what was stored without a fold being asked for: aggregates, tallies, counts, progress', async () => {
    // Days in Asia/Ho_Chi_Minh: 20:30 UTC on the 2nd is the 3rd there.
    const byLan = responses(7, 'huyen-a')
    const byMinh = responses(3, 'huyen-b', (i) => (i === 0 ? '2025-10-02T20:30:00Z' : '2025-10-02T09:00:00+07:00'))
    await store(lan, byLan)
    await store(minh, byMinh)

    expect(await c.port.aggregates.responses(key)).toBe(10)
    expect(normalRows(await c.port.aggregates.read(key))).toEqual(pureRows([...byLan, ...byMinh]))
    expect(normalRows({ cells: [], options: [], tallies: await c.port.aggregates.readTallies(key) })).toEqual({
      cells: [],
      options: [],
      tallies: pureRows([...byLan, ...byMinh]).tallies,
    })
    expect(byUnitDay(await c.port.progressCounts.bySurveyor(key), (r) => String(r.userId))).toEqual([
      { unitId: 'huyen-a', userId: 1, username: 'lan', responses: 7 },
      { unitId: 'huyen-b', userId: 2, username: 'minh', responses: 3 },
    ])
    expect(byUnitDay(await c.port.progressCounts.byDay(key), (r) => r.day)).toEqual([
      { unitId: 'huyen-a', day: '2025-10-01', responses: 2 },
      { unitId: 'huyen-a', day: '2025-10-02', responses: 2 },
      { unitId: 'huyen-a', day: '2025-10-03', responses: 2 },
      { unitId: 'huyen-a', day: '2025-10-04', responses: 1 },
      { unitId: 'huyen-b', day: '2025-10-02', responses: 2 },
      { unitId: 'huyen-b', day: '2025-10-03', responses: 1 },
    ])
    expect(await c.port.aggregates.responses({ surveyId: survey.id, surveyVersion: 99 })).toBe(0)
  })

  it('reads through one server what was stored through another, and leaves out what was voided', async () => {
    const reader = c.port
    const other = await c.otherStorage()
    const sent = responses(4, 'huyen-b')
    await store(minh, sent, other)
    expect(await reader.aggregates.responses(key)).toBe(4)
    await reader.aggregates.fold()

    // Every response of one day voided: its row is gone, not listed with 0.
    const voiding = reviewActionStore(other)
    const [first, ...kept] = sent
    expect(first!.submittedAt.startsWith('2025-10-01')).toBe(true)
    await voiding.setVoided(admin, first!.id, true, 'phiếu thử', new Date())
    const byLan = responses(2, 'huyen-b', () => '2025-10-02T09:00:00+07:00')
    await store(lan, byLan, other)
    expect(await reader.aggregates.responses(key)).toBe(5)
    expect(normalRows(await reader.aggregates.read(key))).toEqual(pureRows([...kept, ...byLan]))
    expect(byUnitDay(await reader.progressCounts.bySurveyor(key), (r) => String(r.userId))).toEqual([
      { unitId: 'huyen-b', userId: 1, username: 'lan', responses: 2 },
      { unitId: 'huyen-b', userId: 2, username: 'minh', responses: 3 },
    ])
    expect(byUnitDay(await reader.progressCounts.byDay(key), (r) => r.day)).toEqual([
      { unitId: 'huyen-b', day: '2025-10-02', responses: 3 },
      { unitId: 'huyen-b', day: '2025-10-03', responses: 1 },
      { unitId: 'huyen-b', day: '2025-10-04', responses: 1 },
    ])
  })
})
