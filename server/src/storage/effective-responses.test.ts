import type { Response, Survey } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { counterLayout } from '../aggregates/counter-layout.ts'
import { RebuildCount } from '../aggregates/rebuild-count.ts'
import { openDatabase } from '../db/connection.ts'
import { effectiveResponses } from '../db/effective-responses.ts'
import type { User } from '../db/users.ts'
import { prepareResponse } from '../sync/ingest.ts'
import { checkedBatch, normalRows, responses } from '../testing/response-fixtures.ts'
import { seedStorage, storageEngines, type OpenedEngine } from '../testing/storage-engines.ts'
import { aggregateStore } from './aggregate-store.ts'
import { auditStore } from './audit-store.ts'
import { effectiveResponseStore, type EffectiveRow } from './effective-responses.ts'
import type { Storage } from './open-storage.ts'
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
    const { body, hash } = await correct(storage, survey, { ...target, answers: { ...target.answers, q1: 'poor' } })

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

  it('rebuilds each version as its reviews decide: voids and a restore, a correction, none', async () => {
    const { storage } = opened
    // Three versions of one survey: one reviewed with voids only, one with a correction only, one
    // never reviewed (read without the review look-ups, as SQLite's rebuild reads it).
    const versions = [survey, { ...survey, version: 2 }, { ...survey, version: 3 }]
    for (const v of versions.slice(1))
      await storage.db
        .insertInto('surveys')
        .values({
          id: v.id,
          version: v.version,
          definition: JSON.stringify(v),
          hash: 'h',
          published_at: 'x',
          published_by: null,
        })
        .execute()
    const sent = versions.map((v) => responses(5).map((r) => ({ ...r, surveyVersion: v.version })))
    for (const [i, v] of versions.entries())
      await responseStore(storage).storeBatches([checkedBatch(v, surveyor, sent[i]!)])
    const aggregates = aggregateStore(storage)
    await aggregates.fold()
    const actions = reviewActionStore(storage)
    const [voided, restored] = sent[0]!
    await actions.setVoided(admin, voided!.id, true, 'trùng')
    await actions.setVoided(admin, restored!.id, true, 'nhầm')
    await actions.setVoided(admin, restored!.id, false, 'khôi phục')
    const target = sent[1]![3]!
    const corrected = { ...target, answers: { ...target.answers, q1: target.answers.q1 === 'poor' ? 'good' : 'poor' } }
    await correct(storage, versions[1]!, corrected)

    const kept = [sent[0]!.filter((r) => r !== voided), sent[1]!.map((r) => (r === target ? corrected : r)), sent[2]!]
    for (const [i, v] of versions.entries()) {
      const vKey = { surveyId: v.id, surveyVersion: v.version }
      const live = normalRows(await aggregates.read(vKey))
      expect(await aggregates.rebuild(v)).toEqual({ ...vKey, responses: kept[i]!.length })
      expect(normalRows(await aggregates.read(vKey))).toEqual(normalRows(counted(v, kept[i]!)))
      // The review actions kept the aggregates equal to what the rebuild finds.
      expect(normalRows(await aggregates.read(vKey))).toEqual(live)
    }
  })
})

/** A conflicting resend of `resent` settled by accepting it: the response's correction. */
async function correct(storage: Storage, version: Survey, resent: Response): Promise<{ body: string; hash: string }> {
  const { body, hash } = prepareResponse(version, resent)
  const conflict = await storage.db
    .insertInto('conflicts')
    .values({ response_id: resent.id, body, hash, received_at: 'x', received_by: surveyor.id })
    .returning('seq')
    .executeTakeFirstOrThrow()
  await reviewActionStore(storage).resolveConflict(admin, Number(conflict.seq), 'accept-new', 'sửa')
  return { body, hash }
}

/** The aggregates of these responses as the pure counting code of a rebuild finds them. */
function counted(version: Survey, kept: Response[]) {
  const count = new RebuildCount(counterLayout(version))
  for (const r of kept) count.addBody(prepareResponse(version, r).body, r.unitId, surveyor.id)
  return count.toRows()
}
