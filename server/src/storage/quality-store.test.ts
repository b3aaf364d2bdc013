import type { Response } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { QualityRow } from '../db/quality-responses.ts'
import type { User } from '../db/users.ts'
import { prepareResponse } from '../sync/ingest.ts'
import { portVariants, type PortCase } from '../testing/port-engines.ts'
import { checkedBatch, responses } from '../testing/response-fixtures.ts'
import { seedStorage } from '../testing/storage-engines.ts'
import { qualityRowStore, sqliteQualityRows, type QualityRowsPort } from './quality-store.ts'
import { responseStore } from './response-store.ts'

/**
 * The responses the data-quality review reads (quality/quality.ts), on the running server's
 * SQLite statement and on the store on both engines: the same rows, each once, voided
 * ones marked, the latest correction's body, the sender's name, within the reader's units,
 * across pages.
 */
const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const surveyor: User = { id: 1, username: 'lan', role: 'surveyor', units: 'all', disabled: false }
const T = '2025-10-20T02:00:00.000Z'

const variants = portVariants<QualityRowsPort>(
  (services) => sqliteQualityRows(services.db),
  (storage) => qualityRowStore(storage, 4), // pages of 4, so that 9 responses take three
)

const read = async (port: QualityRowsPort, units: string[] | 'all' = 'all') => {
  const rows: QualityRow[] = []
  for await (const row of port.rows({ ...key, units })) rows.push(row)
  return rows
}

describe.each(variants)('quality rows through $name', (variant) => {
  let c: PortCase<QualityRowsPort>
  let stored: Response[]
  beforeEach(async () => {
    c = await variant.open()
    await seedStorage(c.storage, survey, [surveyor])
    stored = [...responses(6), ...responses(3, 'huyen-b')]
    await responseStore(c.storage).storeBatches([checkedBatch(survey, surveyor, stored)])
    // One voided (then voided again after a restore), one corrected by an accepted resend.
    const [voided, corrected] = [stored[1]!, stored[7]!]
    for (const action of ['void', 'restore', 'void'] as const)
      await c.storage.db
        .insertInto('response_voids')
        .values({ response_id: voided.id, action, reason: 'trùng', at: T, user_id: null })
        .execute()
    const fixed = prepareResponse(survey, { ...corrected, answers: { ...corrected.answers, q1: 'poor' } })
    const conflict = await c.storage.db
      .insertInto('conflicts')
      .values({ response_id: corrected.id, body: fixed.body, hash: fixed.hash, received_at: T, received_by: 1 })
      .returning('seq')
      .executeTakeFirstOrThrow()
    await c.storage.db
      .insertInto('response_corrections')
      .values({
        response_id: corrected.id,
        conflict_seq: Number(conflict.seq),
        body: fixed.body,
        hash: fixed.hash,
        reason: 'sửa',
        at: T,
        user_id: null,
      })
      .execute()
  })
  afterEach(() => c.drop())

  it('reads every response once, voided ones marked, corrections in place', async () => {
    const rows = await read(c.port)
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(rows.map((r) => r.id).sort()).toEqual(stored.map((r) => r.id).sort())
    expect(rows.filter((r) => r.voided).map((r) => r.id)).toEqual([stored[1]!.id])
    expect((JSON.parse(byId.get(stored[7]!.id)!.body) as Response).answers.q1).toBe('poor')
    expect(JSON.parse(byId.get(stored[0]!.id)!.body)).toEqual(JSON.parse(prepareResponse(survey, stored[0]!).body))
    expect(byId.get(stored[0]!.id)).toMatchObject({ unitId: 'huyen-a', groupId: stored[0]!.groupId, surveyor: 'lan' })
  })

  it('reads only the units given', async () => {
    const ids = (await read(c.port, ['huyen-b'])).map((r) => r.id)
    expect(ids.sort()).toEqual(
      stored
        .slice(6)
        .map((r) => r.id)
        .sort(),
    )
    expect(await read(c.port, [])).toEqual([])
  })
})
