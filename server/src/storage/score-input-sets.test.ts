import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AdjustmentsRepository } from '../db/adjustments.ts'
import type { SelfAssessmentsRepository } from '../db/self-assessments.ts'
import type { User } from '../db/users.ts'
import { portVariants, type PortCase } from '../testing/port-engines.ts'
import { seedStorage } from '../testing/storage-engines.ts'
import { adjustmentStore } from './adjustment-store.ts'
import { auditStore } from './audit-store.ts'
import { asyncPort, type Async } from './backend.ts'
import { scoreInputsStamp } from './score-inputs.ts'
import { selfAssessmentStore } from './self-assessment-store.ts'

type Ports = { self: Async<SelfAssessmentsRepository>; adjustments: Async<AdjustmentsRepository> }

const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const analyst: User = { id: 7, username: 'thu', role: 'analyst', units: 'all', disabled: false }
const T1 = new Date('2025-11-01T03:00:00Z')
const T2 = new Date('2025-11-02T03:00:00Z')

const variants = portVariants<Ports>(
  (services) => ({ self: asyncPort(services.selfAssessments), adjustments: asyncPort(services.adjustments) }),
  (storage) => ({ self: selfAssessmentStore(storage), adjustments: adjustmentStore(storage) }),
)

describe.each(variants)('self-assessment and adjustment imports through $name', (variant) => {
  let c: PortCase<Ports>
  beforeEach(async () => {
    c = await variant.open()
    await seedStorage(c.storage, survey, [analyst])
  })
  afterEach(() => c.drop())

  const audit = () => auditStore(c.storage.db).list()

  it('stores each import as a new set in force, with its audit entry naming the set before', async () => {
    const first = await c.port.self.importSet(key, new Map([['huyen-a', 12.5]]), analyst.id, 'tu-danh-gia.csv', {
      now: T1,
      domains: { 'huyen-a': { c1: 4.5 } },
    })
    expect(first).toMatchObject({
      setVersion: 1,
      appliedAt: T1.toISOString(),
      appliedBy: 'thu',
      source: 'tu-danh-gia.csv',
      units: 1,
      values: { 'huyen-a': 12.5 },
      domains: { 'huyen-a': { c1: 4.5 } },
    })
    const values = new Map([
      ['huyen-a', 13],
      ['huyen-b', 9.25],
    ])
    const second = await (await c.second()).self.importSet(key, values, analyst.id, 'lan-2.xlsx', { now: T2 })
    expect(second).toMatchObject({ setVersion: 2, units: 2, values: { 'huyen-a': 13, 'huyen-b': 9.25 }, domains: {} })
    expect(await c.port.self.current(key)).toEqual(second)
    expect((await c.port.self.history(key)).map((s) => [s.setVersion, s.units, s.source])).toEqual([
      [2, 2, 'lan-2.xlsx'],
      [1, 1, 'tu-danh-gia.csv'],
    ])
    const [latest, earlier] = await audit()
    expect(earlier).toMatchObject({ action: 'self-assessment-apply', before: null, after: { setVersion: 1 } })
    expect(latest).toMatchObject({
      action: 'self-assessment-apply',
      userId: analyst.id,
      target: `${key.surveyId}@${key.surveyVersion}`,
      at: T2.toISOString(),
      before: { setVersion: 1, values: { 'huyen-a': 12.5 }, domains: { 'huyen-a': { c1: 4.5 } } },
      after: { setVersion: 2, values: { 'huyen-a': 13, 'huyen-b': 9.25 }, domains: {} },
    })
  })

  it('replaces the adjustments with each list, an empty one clearing them while the history keeps the rest', async () => {
    const list = [
      { unitId: 'huyen-b', points: -2, reason: 'Chậm nộp báo cáo' },
      { unitId: 'huyen-a', points: 1.5, reason: 'Sáng kiến cải cách' },
    ]
    expect(await c.port.adjustments.current(key)).toBeUndefined()
    expect(await c.port.adjustments.importSet(key, list, analyst.id, 'thuong-tru.csv', T1)).toMatchObject({
      setVersion: 1,
      rows: 2,
      adjustments: list,
    })
    const cleared = await c.port.adjustments.importSet(key, [], analyst.id, 'rong.csv', T2)
    expect(cleared).toMatchObject({ setVersion: 2, rows: 0, adjustments: [] })
    expect((await c.port.adjustments.history(key)).map((s) => [s.setVersion, s.rows])).toEqual([
      [2, 0],
      [1, 2],
    ])
    expect((await audit())[0]).toMatchObject({
      action: 'adjustments-apply',
      before: { setVersion: 1, adjustments: list },
      after: { setVersion: 2, adjustments: [] },
    })
  })

  it('numbers two imports sent at once through two servers one after the other', async () => {
    const [a, b] = await Promise.all([
      c.port.adjustments.importSet(key, [{ unitId: 'huyen-a', points: 1, reason: 'A' }], analyst.id, 'a.csv'),
      (await c.second()).adjustments.importSet(
        key,
        [{ unitId: 'huyen-b', points: 2, reason: 'B' }],
        analyst.id,
        'b.csv',
      ),
    ])
    expect([a.setVersion, b.setVersion].sort()).toEqual([1, 2])
    const latest = a.setVersion === 2 ? a : b
    expect(await c.port.adjustments.current(key)).toEqual(latest)
    expect(await audit()).toHaveLength(2)
  })

  it('stores nothing, not even the audit entry, when an import fails', async () => {
    const unpublished = { surveyId: survey.id, surveyVersion: survey.version + 1 }
    await expect(c.port.self.importSet(unpublished, new Map([['huyen-a', 1]]), analyst.id, 'x.csv')).rejects.toThrow()
    expect(await c.port.self.history(unpublished)).toEqual([])
    expect(await audit()).toEqual([])
  })
})

// The running SQLite server invalidates its cache in process (db/write-generation.ts,
// routes/scores-cache.test.ts); the stores move the database's stamp, which every server reads.
describe.each(variants.slice(1))('the score inputs’ stamp through $name', (variant) => {
  let c: PortCase<Ports>
  beforeEach(async () => {
    c = await variant.open()
    await seedStorage(c.storage, survey, [analyst])
  })
  afterEach(() => c.drop())

  it('moves with each import, so every server’s cached scores recompute', async () => {
    const stamps = scoreInputsStamp(c.storage)
    const before = await stamps.stamp()
    await c.port.self.importSet(key, new Map([['huyen-a', 3]]), analyst.id, 'x.csv')
    const afterSelf = await stamps.stamp()
    expect(afterSelf).not.toBe(before)
    await c.port.adjustments.importSet(key, [], analyst.id, 'y.csv')
    expect(await stamps.stamp()).not.toBe(afterSelf)
  })
})
