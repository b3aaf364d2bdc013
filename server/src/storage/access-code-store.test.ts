import { DomainError } from '@parsurvey/shared'
import { makeResponse, makeSurvey } from '@parsurvey/shared/testing'
import { prepareResponse } from '../sync/ingest.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storageEngines } from '../testing/storage-engines.ts'
import { accessCodeStore } from './access-code-store.ts'
import { auditStore } from './audit-store.ts'
import { codeResponseStore } from './code-response-store.ts'
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

/** Stores a response with the code as the running server does; true when this one used it. */
async function useCode(storage: Storage, codeId: number, responseId: string): Promise<boolean> {
  const response = makeResponse({ id: responseId, groupId: 'citizen', locationId: 'xa-1', channel: 'online' })
  try {
    await codeResponseStore(storage).store(prepareResponse(survey, response), { codeId }, NOW, 'en')
    return true
  } catch (error) {
    if (error instanceof DomainError && error.code === 'code-used') return false
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
    let drawn = 0
    const draw = () => ({ hash: `hash-${drawn}`, sealed: `sealed-${drawn++}` })
    batchId = await accessCodeStore(storage.db).issue(batchInput, draw, new Date(NOW))
  })
  afterAll(() => drop())

  it('keeps a batch and its codes, found by hash from another server', async () => {
    const codes = accessCodeStore(second.db)
    expect(await codes.batch(batchId)).toEqual({ id: batchId, ...batchInput })
    expect(await codes.codes(batchId)).toHaveLength(batchInput.count)
    const found = await codes.findByHash('hash-3')
    expect(found).toMatchObject({ hash: 'hash-3', sealed: 'sealed-3', usedAt: null, responseId: null })
    expect(found!.batch).toEqual({ id: batchId, ...batchInput })
    expect(await codes.findByHash('no-such-hash')).toBeUndefined()
    expect(await codes.codes(batchId)).toHaveLength(batchInput.count)
    const [summary] = await codes.list(survey.id, null, new Date(NOW))
    expect(summary).toEqual({ id: batchId, ...batchInput, issued: batchInput.count, used: 0, expired: 0 })
    expect(await codes.list(survey.id, survey.version + 1, new Date(NOW))).toEqual([])
  })

  it('refuses a second use of a used code, and the code keeps its first response', async () => {
    const [code] = await accessCodeStore(storage.db).codes(batchId)
    expect(await useCode(storage, code!.id, 'first')).toBe(true)
    expect(await useCode(second, code!.id, 'second')).toBe(false)
    expect(await accessCodeStore(storage.db).markUsed(code!.id, 'first', NOW)).toBe(false)
    expect(await accessCodeStore(second.db).findByHash(code!.hash)).toMatchObject({ responseId: 'first' })
    // Used codes count as used; every other one of the batch as expired once the batch has expired.
    const [summary] = await accessCodeStore(second.db).list(survey.id, survey.version, new Date('2026-01-01'))
    expect(summary).toMatchObject({ issued: 20, used: 1, expired: 19 })
  })
  it('draws a code again when its hash is taken, and audits the batch without its codes', async () => {
    const draws = ['hash-3', 'fresh-1', 'fresh-2'].map((hash) => ({ hash, sealed: `sealed-${hash}` }))
    const codes = accessCodeStore(second.db)
    const id = await codes.issue({ ...batchInput, count: 2 }, () => draws.shift()!, new Date(NOW))
    expect((await codes.codes(id)).map((c) => c.hash)).toEqual(['fresh-1', 'fresh-2'])
    expect((await codes.findByHash('hash-3'))!.batch.id).toBe(batchId)
    const entries = await auditStore(storage.db).list()
    expect(entries.map((e) => [e.action, e.target])).toEqual([
      ['code-batch-create', `code-batch:${id}`],
      ['code-batch-create', `code-batch:${batchId}`],
    ])
    expect(JSON.stringify(entries)).not.toContain('sealed-')
  })
})
