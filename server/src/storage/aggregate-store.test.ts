import type { Response, ScoringRows } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { counterLayout } from '../aggregates/counter-layout.ts'
import { RebuildCount } from '../aggregates/rebuild-count.ts'
import type { User } from '../db/users.ts'
import { prepareResponse, type CheckedBatch } from '../sync/ingest.ts'
import { checkedBatch, normalRows, responses } from '../testing/response-fixtures.ts'
import { seedStorage, storageEngines } from '../testing/storage-engines.ts'
import { aggregateStore } from './aggregate-store.ts'
import type { Storage } from './open-storage.ts'
import { responseRow, responseStore } from './response-store.ts'
import { takeFoldLock } from './transactions.ts'

const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const surveyorA: User = { id: 1, username: 'lan', role: 'surveyor', units: ['huyen-a'], disabled: false }
const surveyorB: User = { id: 2, username: 'minh', role: 'surveyor', units: ['huyen-b'], disabled: false }
const batch = (sender: User, sent: Response[]): CheckedBatch => checkedBatch(survey, sender, sent)

/** What the aggregates of these responses are, counted by the pure code a rebuild uses. */
function expected(sent: { response: Response; by: User }[]): ScoringRows {
  const count = new RebuildCount(counterLayout(survey))
  for (const { response, by } of sent) count.addBody(prepareResponse(survey, response).body, response.unitId, by.id)
  return count.toRows()
}

const normal = normalRows

async function responseCount(storage: Storage): Promise<number> {
  const row = await storage.db
    .selectFrom('responses')
    .select((e) => e.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe.each(storageEngines)('the aggregate store on $name', (engine) => {
  let storage: Storage
  let drop: () => Promise<void>
  let other: () => Promise<Storage>

  beforeEach(async () => {
    ;({ storage, drop, other } = await engine.open())
    await seedStorage(storage, survey, [surveyorA, surveyorB])
  })
  afterEach(async () => {
    await drop()
  })

  it('folds each stored response into the aggregates once, as a rebuild counts them', async () => {
    const aggregates = aggregateStore(storage)
    const a = responses(40)
    const b = responses(25, 'huyen-b')
    await responseStore(storage).storeBatches([batch(surveyorA, a)])
    expect(await aggregates.fold()).toMatchObject({ responses: 40 })
    await responseStore(storage).storeBatches([batch(surveyorB, b), batch(surveyorA, a.slice(0, 5))])
    expect(await aggregates.fold()).toMatchObject({ responses: 25 })
    expect(await aggregates.fold()).toMatchObject({ responses: 0 })

    const want = normal(
      expected([
        ...a.map((response) => ({ response, by: surveyorA })),
        ...b.map((r) => ({ response: r, by: surveyorB })),
      ]),
    )
    expect(normal(await aggregates.read(key))).toEqual(want)
    const progress = await aggregates.readProgress(key)
    expect(progress.reduce((n, r) => n + r.responses, 0)).toBe(65)

    expect(await aggregates.rebuild(survey)).toEqual({ ...key, responses: 65 })
    expect(normal(await aggregates.read(key))).toEqual(want)
    expect(await aggregates.readProgress(key)).toEqual(progress)
  })

  it('rebuilds from the effective responses: voided left out, the latest correction counted', async () => {
    const aggregates = aggregateStore(storage)
    const sent = responses(6)
    await responseStore(storage).storeBatches([batch(surveyorA, sent)])
    await aggregates.fold()
    const [voided, corrected] = sent
    const review = { reason: 'kiểm tra', at: '2025-10-05T00:00:00Z', user_id: null }
    await storage.db
      .insertInto('response_voids')
      .values({ response_id: voided!.id, action: 'void', ...review })
      .execute()
    const first = { ...corrected!, answers: { ...corrected!.answers, q1: 'poor' } }
    const latest = { ...corrected!, answers: { ...corrected!.answers, q1: 'very-good' } }
    for (const body of [first, latest]) {
      const { body: json, hash } = prepareResponse(survey, body)
      await storage.db
        .insertInto('response_corrections')
        .values({ response_id: corrected!.id, conflict_seq: null, body: json, hash, ...review })
        .execute()
    }
    // One more response stored after the review, not folded yet: the rebuild counts it once.
    const late = responses(1)
    await responseStore(storage).storeBatches([batch(surveyorA, late)])

    expect(await aggregates.rebuild(survey)).toMatchObject({ responses: 6 })
    expect(await aggregates.fold()).toMatchObject({ responses: 0 })
    const kept = [latest, ...sent.slice(2), ...late].map((response) => ({ response, by: surveyorA }))
    expect(normal(await aggregates.read(key))).toEqual(normal(expected(kept)))
  })

  it('counts progress by the Vietnamese day, also for times given another way', async () => {
    const aggregates = aggregateStore(storage)
    const times = [
      '2025-10-01T20:30:00Z', // 03:30 on 2 October in Vietnam
      '2025-10-01T23:59:59.123456+07:00', // six fraction digits: not a plain time, day from SQL
      '2025-10-01T08:00:00.5+07:00',
      '2025-10-02T06:59:59.999999Z', // 13:59 on 2 October, from SQL as well
    ]
    const sent = responses(times.length, 'huyen-a', (i) => times[i]!)
    await responseStore(storage).storeBatches([batch(surveyorA, sent)])
    await aggregates.fold()
    const days = (await aggregates.readProgress(key)).map((r) => [r.day, r.responses])
    expect(days).toEqual([
      ['2025-10-01', 2],
      ['2025-10-02', 2],
    ])
    await aggregates.rebuild(survey)
    expect((await aggregates.readProgress(key)).map((r) => [r.day, r.responses])).toEqual(days)
  })

  it('two servers storing overlapping batches while folding end with every response once and aggregates equal a rebuild', async () => {
    const second = await other()
    try {
      const servers = [storage, second].map((s) => ({ store: responseStore(s), aggregates: aggregateStore(s) }))
      const all: Response[] = []
      for (let round = 0; round < 6; round++) {
        const shared = responses(60)
        const own = [responses(40), responses(40)]
        all.push(...shared, ...own[0]!, ...own[1]!)
        // Each server gets the shared responses in another order, beside its own, while both fold.
        await Promise.all([
          servers[0]!.store.storeBatches([batch(surveyorA, [...shared, ...own[0]!])]),
          servers[0]!.aggregates.fold(),
          servers[1]!.store.storeBatches([batch(surveyorA, [...own[1]!, ...[...shared].reverse()])]),
          servers[1]!.aggregates.fold(),
          servers[0]!.aggregates.fold(),
        ])
      }
      await servers[1]!.aggregates.fold()
      expect(await responseCount(storage)).toBe(all.length)
      const folded = normal(await servers[0]!.aggregates.read(key))
      expect(folded).toEqual(normal(expected(all.map((response) => ({ response, by: surveyorA })))))
      await servers[1]!.aggregates.rebuild(survey)
      expect(normal(await servers[0]!.aggregates.read(key))).toEqual(folded)
    } finally {
      if (second !== storage) await second.close()
    }
  })
})

describe('the fold on PostgreSQL, where a lower seq can commit after a higher one', () => {
  const postgres = storageEngines.find((e) => e.name === 'PostgreSQL')!

  it('waits for a storing transaction still in flight instead of moving the watermark past its seq', async () => {
    const { storage, other } = await postgres.open()
    const second = await other()
    try {
      await seedStorage(storage, survey, [surveyorA])
      const [early, later] = [responses(1), responses(1)]
      let commit!: () => void
      const committing = new Promise<void>((resolve) => (commit = resolve))
      let inserted!: () => void
      const holding = new Promise<void>((resolve) => (inserted = resolve))
      // Server B inserts first (the lower seq) and commits only when told to.
      const slow = second.db.transaction().execute(async (trx) => {
        await takeFoldLock(second, trx, 'store')
        await trx.insertInto('responses').values(rowOf(early[0]!)).execute()
        inserted()
        await committing
      })
      await holding
      // Server A stores a response (the higher seq), commits, and folds.
      await responseStore(storage).storeBatches([batch(surveyorA, later)])
      const fold = aggregateStore(storage).fold()
      let settled = false
      void fold.finally(() => (settled = true))
      // Commit B only once the fold waits for the lock (or has, wrongly, finished without it).
      while (!settled && !(await waitingForFoldLock(storage))) await new Promise((r) => setTimeout(r, 20))
      commit()
      await slow
      expect(await fold).toMatchObject({ responses: 2 })
      expect(await aggregateStore(second).fold()).toMatchObject({ responses: 0 })
      const rows = await aggregateStore(storage).read(key)
      expect(rows.tallies.reduce((n, r) => n + r.responses, 0)).toBe(2)
    } finally {
      await second.close()
      await storage.close()
    }
  })
})

async function waitingForFoldLock(storage: Storage): Promise<boolean> {
  const { rows } = await sql<{
    n: number
  }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(storage.db)
  return rows[0]!.n > 0
}

function rowOf(response: Response) {
  return responseRow(prepareResponse(survey, response), new Date().toISOString(), surveyorA.id)
}
