import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { paperFormsRepository } from '../db/paper-forms.ts'
import { addAdmin, portEngines, type PortCase } from '../testing/port-engines.ts'
import { seedStorage, storageEngines, type OpenedEngine } from '../testing/storage-engines.ts'
import type { Storage } from './open-storage.ts'
import { paperFormStore, type PaperFormStore } from './paper-form-store.ts'
import { writeTransaction } from './transactions.ts'

const survey = makeSurvey()
const AT = '2025-10-01T08:00:00.000Z'

/** Stores a paper response `id` of `unitId` as the keying sync would (the body is not read here). */
async function storeResponse(storage: Storage, id: string, unitId = 'huyen-a'): Promise<void> {
  await storage.db
    .insertInto('responses')
    .values({
      id,
      survey_id: survey.id,
      survey_version: survey.version,
      unit_id: unitId,
      group_id: 'citizen',
      location_id: null,
      channel: 'paper',
      body: JSON.stringify({ id, unitId }),
      hash: `h-${id}`,
      received_at: AT,
      received_by: 1,
    })
    .execute()
}

describe.each(portEngines(paperFormsRepository, (storage) => paperFormStore(storage)))(
  'paper forms on $name',
  (engine) => {
    let opened: PortCase<PaperFormStore>
    beforeEach(async () => {
      opened = await engine.open()
      await seedStorage(opened.storage, survey, [])
      await addAdmin(opened.storage, 1)
      for (const id of ['r1', 'r2', 'r3']) await storeResponse(opened.storage, id)
      await storeResponse(opened.storage, 'r4', 'huyen-b')
    })
    afterEach(() => opened.drop())

    it('turns double entry on and off with an audit entry naming the setting before', async () => {
      const forms = opened.port
      expect(await forms.doubleEntry(survey.id)).toBe(false)
      expect(await forms.setDoubleEntry(survey.id, true, 1, new Date(AT))).toBe(false)
      expect(await (await opened.second()).doubleEntry(survey.id)).toBe(true)
      expect(await forms.setDoubleEntry(survey.id, false, null, new Date(AT))).toBe(true)
      expect(await forms.doubleEntry(survey.id)).toBe(false)
      const audit = await opened.storage.db
        .selectFrom('audit_log')
        .select(['action', 'target', 'user_id', 'before', 'after'])
        .orderBy('seq')
        .execute()
      expect(audit).toEqual([
        {
          action: 'survey-double-entry-set',
          target: survey.id,
          user_id: 1,
          before: '{"enabled":false}',
          after: '{"enabled":true}',
        },
        {
          action: 'survey-double-entry-set',
          target: survey.id,
          user_id: null,
          before: '{"enabled":true}',
          after: '{"enabled":false}',
        },
      ])
    })

    it('opens one form per serial, numbers its keyings and lists forms by state and unit', async () => {
      const forms = opened.port
      const id = await forms.openForm(survey.id, 'PX-001', AT)
      expect(await forms.openForm(survey.id, 'PX-001', '2025-10-02T00:00:00.000Z')).toBe(id)
      await forms.addKeying('r1', id, 1)
      await forms.addKeying('r2', id, 2)
      await forms.setState(id, 'conflict', null, AT)
      const other = await forms.openForm(survey.id, 'PX-002', AT)
      expect(other).not.toBe(id)
      await forms.addKeying('r4', other, 1)
      const summary = { id, surveyId: survey.id, serialKey: 'PX-001', unitId: 'huyen-a', keyings: 2, updatedAt: AT }
      expect(await forms.form(id)).toEqual({ ...summary, state: 'conflict', countedId: null })
      expect(await forms.formBySerial(survey.id, 'PX-001')).toEqual(await forms.form(id))
      expect(await forms.formBySerial(survey.id, 'PX-404')).toBeUndefined()
      expect(await forms.formOfResponse('r2')).toEqual({ ...summary, state: 'conflict', countedId: null, keying: 2 })
      expect(await forms.formOfResponse('r3')).toBeUndefined()
      // Every field as the SQLite repository gives it: the time as stored, the body as sent.
      const keying = (n: number, responseId: string) => ({
        keying: n,
        responseId,
        receivedAt: AT,
        receivedBy: 'admin1',
        receivedById: 1,
        body: JSON.stringify({ id: responseId, unitId: 'huyen-a' }),
      })
      expect(await forms.keyings(id)).toEqual([keying(1, 'r1'), keying(2, 'r2')])
      expect(await forms.keyings(other)).toEqual([
        { ...keying(1, 'r4'), body: JSON.stringify({ id: 'r4', unitId: 'huyen-b' }) },
      ])
      expect(await forms.keyings(other + 1000)).toEqual([])
      const list = (filter: { state?: 'conflict' | 'awaiting'; units?: string[]; limit?: number }) =>
        forms
          .list({
            surveyId: survey.id,
            state: filter.state ?? null,
            units: filter.units ?? 'all',
            limit: filter.limit ?? 100,
          })
          .then((found) => found.map((f) => f.serialKey))
      expect(await list({})).toEqual(['PX-001', 'PX-002'])
      expect(await list({ state: 'awaiting' })).toEqual(['PX-002'])
      expect(await list({ state: 'conflict', units: ['huyen-a'] })).toEqual(['PX-001'])
      expect(await list({ units: ['huyen-b'] })).toEqual(['PX-002'])
      expect(await list({ units: [] })).toEqual([])
      expect(await list({ limit: 1 })).toEqual(['PX-001'])
      expect((await forms.list({ surveyId: 'other', state: null, units: 'all', limit: 10 })).length).toBe(0)
    })

    it('settles a form once: a form already matched or resolved is not settled again', async () => {
      const forms = opened.port
      const id = await forms.openForm(survey.id, 'PX-001', AT)
      await forms.addKeying('r1', id, 1)
      await forms.addKeying('r2', id, 2)
      await forms.setState(id, 'conflict', null, AT)
      expect(await forms.settle(id, 'r2', AT)).toBe(true)
      expect(await forms.settle(id, 'r1', AT)).toBe(false)
      expect(await forms.form(id)).toMatchObject({ state: 'resolved', countedId: 'r2' })
      const matched = await forms.openForm(survey.id, 'PX-002', AT)
      await forms.addKeying('r3', matched, 1)
      await forms.setState(matched, 'matched', 'r3', AT)
      expect(await forms.settle(matched, 'r3', AT)).toBe(false)
      expect(await forms.form(matched)).toMatchObject({ state: 'matched', countedId: 'r3' })
    })
  },
)

/** Decisions inside transactions, as the sync and review routes make them, on two servers at once. */
describe.each(storageEngines)('paper forms across servers on $name', (engine) => {
  let opened: OpenedEngine
  let second: Storage
  beforeEach(async () => {
    opened = await engine.open()
    second = await opened.other()
    await seedStorage(opened.storage, survey, [])
    await addAdmin(opened.storage, 1)
    for (const id of ['r1', 'r2', 'r3', 'r4']) await storeResponse(opened.storage, id)
  })
  afterEach(() => opened.drop())

  /** Keys response `id` on the form of serial PX-001 the way double entry does: open, count, add. */
  const key = (storage: Storage, id: string) =>
    writeTransaction(storage, async (trx) => {
      const forms = paperFormStore(storage, trx)
      const formId = await forms.openForm(survey.id, 'PX-001', AT)
      const keying = (await forms.keyings(formId)).length + 1
      await forms.addKeying(id, formId, keying)
      return keying
    })

  it('numbers keyings of one form sent through two servers at once one after the other', async () => {
    const keyings = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((id, i) => key(i % 2 ? second : opened.storage, id)))
    expect([...keyings].sort()).toEqual([1, 2, 3, 4])
    const forms = await opened.storage.db.selectFrom('paper_forms').select('id').execute()
    expect(forms).toHaveLength(1)
  })

  it('of two supervisors settling one form through two servers at once, exactly one settles it', async () => {
    const formId = await paperFormStore(opened.storage).openForm(survey.id, 'PX-001', AT)
    await paperFormStore(opened.storage).addKeying('r1', formId, 1)
    await paperFormStore(opened.storage).addKeying('r2', formId, 2)
    const settle = (storage: Storage, countedId: string) =>
      writeTransaction(storage, async (trx) => {
        const settled = await paperFormStore(storage, trx).settle(formId, countedId, AT)
        // The rest of a settling (correction, restore, audit) runs while the form stays locked.
        if (settled)
          await trx
            .insertInto('response_voids')
            .values({ response_id: countedId, action: 'restore', reason: 'test', user_id: 1, at: AT })
            .execute()
        return settled
      })
    const outcomes = await Promise.all([settle(opened.storage, 'r1'), settle(second, 'r2')])
    expect(outcomes.filter(Boolean)).toHaveLength(1)
    const restored = await opened.storage.db.selectFrom('response_voids').select('response_id').execute()
    const form = await paperFormStore(second).form(formId)
    expect(restored).toEqual([{ response_id: form!.countedId }])
  })
})
