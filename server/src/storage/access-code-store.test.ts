import { makeSurvey } from '@parsurvey/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storageEngines } from '../testing/storage-engines.ts'
import { accessCodeStore } from './access-code-store.ts'
import type { Storage } from './open-storage.ts'

const survey = makeSurvey()
const NOW = '2025-10-01T08:00:00.000Z'
const batchInput = {
  surveyId: survey.id,
  surveyVersion: survey.version,
  unitId: 'huyen-a',
  groupId: 'citizens',
  locationId: null,
  count: 20,
  note: 'phường 1',
  expiresAt: '2025-12-31T16:59:59.999Z',
  createdAt: NOW,
  createdBy: null,
}

class UsedAlready extends Error {}

/**
 * What submitting with a code does on the boundary: store the response and mark the code used
 * in one transaction; a code used meanwhile rolls the response back. True when this one won.
 */
async function useCode(storage: Storage, codeId: number, responseId: string): Promise<boolean> {
  try {
    return await storage.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('responses')
        .values({
          id: responseId,
          survey_id: survey.id,
          survey_version: survey.version,
          unit_id: 'huyen-a',
          group_id: 'citizens',
          location_id: null,
          channel: 'online',
          body: '{}',
          hash: responseId,
          received_at: NOW,
          received_by: null,
        })
        .execute()
      if (!(await accessCodeStore(trx).markUsed(codeId, responseId, NOW))) throw new UsedAlready()
      return true
    })
  } catch (error) {
    if (error instanceof UsedAlready) return false
    throw error
  }
}

describe.each(storageEngines)('access codes on $name', (engine) => {
  let storage: Storage
  let second: Storage
  let drop: () => Promise<void>
  let batchId: number
  beforeAll(async () => {
    const opened = await engine.open()
    ;({ storage, drop } = opened)
    second = await opened.other()
    await storage.db
      .insertInto('surveys')
      .values({
        id: survey.id,
        version: survey.version,
        definition: JSON.stringify(survey),
        hash: 'h',
        published_at: NOW,
        published_by: null,
      })
      .execute()
    batchId = await storage.db.transaction().execute(async (trx) => {
      const codes = accessCodeStore(trx)
      const id = await codes.insertBatch(batchInput)
      for (let i = 0; i < batchInput.count; i++) expect(await codes.addCode(id, `hash-${i}`, `sealed-${i}`)).toBe(true)
      return id
    })
  })
  afterAll(() => drop())

  it('keeps a batch and its codes, found by hash from another server; a repeated hash is refused', async () => {
    const codes = accessCodeStore(second.db)
    expect(await codes.batch(batchId)).toEqual({ id: batchId, ...batchInput })
    expect(await codes.codes(batchId)).toHaveLength(batchInput.count)
    const found = await codes.findByHash('hash-3')
    expect(found).toMatchObject({ hash: 'hash-3', sealed: 'sealed-3', usedAt: null, responseId: null })
    expect(found!.batch).toEqual({ id: batchId, ...batchInput })
    expect(await codes.findByHash('no-such-hash')).toBeUndefined()
    expect(await accessCodeStore(storage.db).addCode(batchId, 'hash-3', 'again')).toBe(false)
    expect(await codes.codes(batchId)).toHaveLength(batchInput.count)
    const [summary] = await codes.list(survey.id, null, new Date(NOW))
    expect(summary).toEqual({ id: batchId, ...batchInput, issued: batchInput.count, used: 0, expired: 0 })
    expect(await codes.list(survey.id, survey.version + 1, new Date(NOW))).toEqual([])
  })

  it('lets exactly one of two servers use a code they both try at the same moment', async () => {
    const codes = await accessCodeStore(storage.db).codes(batchId)
    const race = codes.slice(5, 15)
    const outcomes = await Promise.all(
      race.map((code) =>
        Promise.all([useCode(storage, code.id, `a-${code.id}`), useCode(second, code.id, `b-${code.id}`)]),
      ),
    )
    for (const [a, b] of outcomes) expect([a, b].sort()).toEqual([false, true])
    for (const [i, code] of race.entries()) {
      const after = await accessCodeStore(second.db).findByHash(code.hash)
      const winner = outcomes[i]![0] ? `a-${code.id}` : `b-${code.id}`
      expect(after).toMatchObject({ usedAt: NOW, responseId: winner })
    }
    // The loser's response was rolled back with its attempt: one response per code.
    const stored = await storage.db.selectFrom('responses').select('id').execute()
    expect(stored).toHaveLength(race.length)
  })

  it('refuses a second use of a used code, and the code keeps its first response', async () => {
    const [code] = await accessCodeStore(storage.db).codes(batchId)
    expect(await useCode(storage, code!.id, 'first')).toBe(true)
    expect(await useCode(second, code!.id, 'second')).toBe(false)
    expect(await accessCodeStore(storage.db).markUsed(code!.id, 'first', NOW)).toBe(false)
    expect(await accessCodeStore(second.db).findByHash(code!.hash)).toMatchObject({ responseId: 'first' })
    // Used codes count as used; every other one of the batch as expired once the batch has expired.
    const [summary] = await accessCodeStore(second.db).list(survey.id, survey.version, new Date('2026-01-01'))
    expect(summary).toMatchObject({ issued: 20, used: 11, expired: 9 })
  })
})
