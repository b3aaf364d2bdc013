import { scoreSurvey, stateFromRows, type Response } from '@parsurvey/shared'
import { makeResponse, makeSurvey } from '@parsurvey/shared/testing'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sharedScoresCache } from '../analysis/scores-cache.ts'
import { aggregatesRepository } from '../db/aggregates.ts'
import { openDatabase } from '../db/connection.ts'
import type { User } from '../db/users.ts'
import { writeGeneration } from '../db/write-generation.ts'
import { prepareResponse, type CheckedBatch } from '../sync/ingest.ts'
import { seedStorage, storageEngines, type OpenedEngine } from '../testing/storage-engines.ts'
import { aggregateStore } from './aggregate-store.ts'
import type { Storage } from './open-storage.ts'
import { responseStore } from './response-store.ts'
import { scoreInputsStamp } from './score-inputs.ts'

const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const dataSet = { ...key, versions: [survey.version] }
const surveyor: User = { id: 1, username: 'lan', role: 'surveyor', units: ['huyen-a'], disabled: false }

const responses = (n: number, q1 = 'good'): Response[] =>
  Array.from({ length: n }, () => makeResponse({ id: randomUUID(), answers: { ...makeResponse().answers, q1 } }))
const batch = (sent: Response[]): CheckedBatch => ({
  receivedAt: new Date().toISOString(),
  sender: surveyor,
  locale: 'vi',
  items: sent.map((r) => ({ kind: 'valid' as const, ...prepareResponse(survey, r) })),
})

/** A reader's cached scores on one server: how often it computed, and what it answers. */
function reader(storage: Storage) {
  let computed = 0
  const cache = sharedScoresCache<{ responses: number; scores: ReturnType<typeof scoreSurvey> }>(
    scoreInputsStamp(storage),
  )
  return {
    get computed() {
      return computed
    },
    scores: () =>
      cache.get(dataSet, async () => {
        computed++
        const rows = await aggregateStore(storage).read(key)
        return {
          responses: rows.tallies.reduce((n, r) => n + r.responses, 0),
          scores: scoreSurvey(survey, stateFromRows(rows)),
        }
      }),
  }
}

describe.each(storageEngines)('the scores stamp from the database on $name', (engine) => {
  let opened: OpenedEngine
  let second: Storage

  beforeEach(async () => {
    opened = await engine.open()
    await seedStorage(opened.storage, survey, [surveyor])
    second = await opened.other()
  })
  afterEach(async () => {
    await opened.drop()
  })

  it('a write through server B invalidates the cached scores of a reader on server A', async () => {
    const onA = reader(opened.storage)
    const b = { store: responseStore(second), aggregates: aggregateStore(second) }
    await b.store.storeBatches([batch(responses(20))])
    await b.aggregates.fold()
    const first = await onA.scores()
    expect(first.responses).toBe(20)
    expect(await onA.scores()).toBe(first) // nothing changed: served from the cache
    expect(onA.computed).toBe(1)

    // Stored but not folded: the aggregates, and so the scores, have not changed yet.
    await b.store.storeBatches([batch(responses(10, 'poor'))])
    expect(await onA.scores()).toBe(first)
    expect(await b.aggregates.fold()).toMatchObject({ responses: 10 })
    const updated = await onA.scores()
    expect(onA.computed).toBe(2)
    expect(updated.responses).toBe(30)
    expect(updated.scores).not.toEqual(first.scores)

    // A rebuild through B moves the stamp as well (same aggregates, recomputed once).
    await b.aggregates.rebuild(survey)
    expect((await onA.scores()).responses).toBe(30)
    expect(onA.computed).toBe(3)
    // A fold with nothing to add leaves the cache alone.
    await b.aggregates.fold()
    await onA.scores()
    expect(onA.computed).toBe(3)
  })
})

describe('the scores stamp on SQLite beside the running server', () => {
  const sqlite = storageEngines.find((e) => e.name === 'SQLite')!

  it("sees the running server's own aggregate writes, made through another connection", async () => {
    const { storage, file, drop } = await sqlite.open()
    const server = openDatabase(file!)
    try {
      await seedStorage(storage, survey, [surveyor])
      const onBoundary = reader(storage)
      expect((await onBoundary.scores()).responses).toBe(0)
      // db/aggregates.ts bumps only its in-process counter; data_version carries the write over.
      const contribution = {
        cells: [],
        options: [],
        tallies: [{ unitId: 'huyen-a', groupId: 'citizen', locationId: 'xa-1', responses: 1 }],
      }
      aggregatesRepository(server, writeGeneration(server)).add(key, contribution)
      expect((await onBoundary.scores()).responses).toBe(1)
      expect(onBoundary.computed).toBe(2)
    } finally {
      server.close()
      await drop()
    }
  })
})
