import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/connection.ts'
import { effectiveResponses } from '../db/effective-responses.ts'
import type { User } from '../db/users.ts'
import { prepareResponse } from '../sync/ingest.ts'
import { checkedBatch, responses } from '../testing/response-fixtures.ts'
import { seedStorage, storageEngines, type OpenedEngine } from '../testing/storage-engines.ts'
import { aggregateStore } from './aggregate-store.ts'
import { auditStore } from './audit-store.ts'
import { effectiveResponseStore, type EffectiveRow } from './effective-responses.ts'
import { responseStore } from './response-store.ts'
import { reviewActionStore } from './review-action-store.ts'

const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const surveyor: User = { id: 1, username: 'lan', role: 'surveyor', units: ['huyen-a'], disabled: false }
const admin: User = { id: 2, username: 'quan-tri', role: 'admin', units: 'all', disabled: false }

describe.each(storageEngines)('effective responses and the audited rebuild on $name', (engine) => {
  let opened: OpenedEngine
  beforeEach(async () => {
    opened = await engine.open()
    await seedStorage(opened.storage, survey, [surveyor, admin])
  })
  afterEach(() => opened.drop())

  it('reads a version a page at a time: voided left out, the latest correction in place, as the server defines it', async () => {
    const { storage } = opened
    const sent = responses(9)
    await responseStore(storage).storeBatches([checkedBatch(survey, surveyor, sent)])
    const ids = sent.map((r) => r.id).sort()
    const actions = reviewActionStore(storage)
    await actions.setVoided(admin, ids[2]!, true, 'trùng')
    await actions.setVoided(admin, ids[5]!, true, 'nhầm')
    await actions.setVoided(admin, ids[5]!, false, 'khôi phục')
    const target = sent.find((r) => r.id === ids[4])!
    const { body, hash } = prepareResponse(survey, { ...target, answers: { ...target.answers, q1: 'poor' } })
    const conflict = await storage.db
      .insertInto('conflicts')
      .values({ response_id: target.id, body, hash, received_at: 'x', received_by: 1 })
      .returning('seq')
      .executeTakeFirstOrThrow()
    await actions.resolveConflict(admin, Number(conflict.seq), 'accept-new', 'sửa')

    const read: EffectiveRow[] = []
    for (let after = 0; ;) {
      const page = await effectiveResponseStore(storage).page(key, after, 3)
      if (page.length === 0) break
      read.push(...page)
      after = page.at(-1)!.cursor
    }
    expect(read.map((r) => r.id)).toEqual(ids.filter((id) => id !== ids[2]))
    expect(read.filter((r) => r.corrected)).toEqual([
      expect.objectContaining({ id: target.id, body, hash, unitId: 'huyen-a', receivedBy: 1 }),
    ])
    if (opened.file) {
      // The running server's own definition, read from the same file.
      const db = openDatabase(opened.file)
      const theirs = [...effectiveResponses(db, survey.id, survey.version)]
      db.close()
      expect(read.map(({ id, body, hash, corrected }) => ({ id, body, hash, corrected }))).toEqual(theirs)
    }
  })

  it('records a rebuild in the audit log in its transaction', async () => {
    const { storage } = opened
    await responseStore(storage).storeBatches([checkedBatch(survey, surveyor, responses(4))])
    expect(await aggregateStore(storage).rebuild(survey, admin.id)).toEqual({ ...key, responses: 4 })
    expect((await auditStore(storage.db).list())[0]).toMatchObject({
      userId: admin.id,
      action: 'aggregates-rebuild',
      target: `${survey.id}@${survey.version}`,
      after: { responses: 4 },
    })
  })
})
