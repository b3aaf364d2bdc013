import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { respondentsRepository, type RespondentFields, type RespondentsRepository } from '../db/respondents.ts'
import { sittingDraftsRepository, type SittingDraftsRepository } from '../db/sitting-drafts.ts'
import { portVariants, type PortCase } from '../testing/port-engines.ts'
import { asyncPort, type Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { respondentStore } from './respondent-store.ts'
import { sittingDraftStore } from './sitting-draft-store.ts'

type Register = { respondents: Async<RespondentsRepository>; drafts: Async<SittingDraftsRepository> }

const SURVEY = 'danh-gia-so-nganh'
const NOW = '2025-10-01T08:00:00.000Z'
const an: RespondentFields = {
  name: 'Nguyễn Văn An',
  position: 'Đại biểu HĐND',
  organisation: 'HĐND tỉnh',
  groupId: 'delegate',
  ownUnitId: null,
  email: 'an@example.vn',
  phone: null,
  units: ['so-tu-phap', 'so-noi-vu', 'so-y-te'],
}
const binh: RespondentFields = { ...an, name: 'Trần Thị Bình', email: null, phone: '0912345678', units: ['so-y-te'] }
const draft = (q1: string) => ({ answers: { q1 } })

/**
 * What sending a unit does to the register (register/sitting.ts): the unit marked sent and its
 * draft dropped in one transaction; false when it was sent already.
 */
async function sendUnit(storage: Storage, id: number, unitId: string): Promise<boolean> {
  return storage.db.transaction().execute(async (trx) => {
    const sent = await respondentStore(storage, trx).markSubmitted(id, unitId)
    await sittingDraftStore(storage, trx).drop(id, unitId)
    return sent
  })
}

const variants = portVariants<Register>(
  (services) => ({
    respondents: asyncPort(respondentsRepository(services.db)),
    drafts: asyncPort(sittingDraftsRepository(services.db)),
  }),
  (storage) => ({ respondents: respondentStore(storage), drafts: sittingDraftStore(storage) }),
)

describe.each(variants)('the respondent register on $name', (variant) => {
  let opened: PortCase<Register>
  beforeEach(async () => {
    opened = await variant.open()
  })
  afterEach(() => opened.drop())

  it('keeps people with their units, found by id, by code hash and by survey, from another server too', async () => {
    const { respondents } = opened.port
    const a = await respondents.add(SURVEY, an, { hash: 'hash-an', sealed: 'sealed-an' }, NOW)
    const b = await respondents.add(SURVEY, binh, { hash: 'hash-binh', sealed: 'sealed-binh' }, NOW)
    const other = await opened.second()
    const found = await other.respondents.findByHash('hash-an')
    expect(found).toEqual({
      id: a,
      surveyId: SURVEY,
      ...an,
      units: ['so-noi-vu', 'so-tu-phap', 'so-y-te'],
      unitStates: ['so-noi-vu', 'so-tu-phap', 'so-y-te'].map((unitId) => ({ unitId, submitted: false })),
      codeHash: 'hash-an',
      codeSealed: 'sealed-an',
      openedAt: null,
    })
    expect(await other.respondents.get(a)).toEqual(found)
    expect((await other.respondents.list(SURVEY)).map((p) => [p.id, p.name, p.units])).toEqual([
      [a, an.name, ['so-noi-vu', 'so-tu-phap', 'so-y-te']],
      [b, binh.name, ['so-y-te']],
    ])
    expect(await other.respondents.list('another-survey')).toEqual([])
    expect(await other.respondents.hashTaken('hash-binh')).toBe(true)
    expect(await other.respondents.hashTaken('hash-chi')).toBe(false)
    expect(await other.respondents.findByHash('hash-chi')).toBeUndefined()
    await other.respondents.markOpened(a, '2025-10-02')
    await respondents.markOpened(a, '2025-10-03')
    expect((await respondents.get(a))?.openedAt).toBe('2025-10-02')
  })

  it('changes a person, keeping units already sent and dropping the draft of a unit taken off', async () => {
    const { respondents, drafts } = opened.port
    const id = await respondents.add(SURVEY, an, { hash: 'h', sealed: 's' }, NOW)
    expect(await sendUnit(opened.storage, id, 'so-tu-phap')).toBe(true)
    expect(await drafts.save(id, 'so-noi-vu', draft('good'), NOW)).toBe('saved')
    await respondents.change(id, { ...an, name: 'Nguyễn Văn Ân', units: ['so-y-te', 'so-xay-dung'] }, NOW)
    const after = await respondents.get(id)
    expect(after?.name).toBe('Nguyễn Văn Ân')
    expect(after?.unitStates).toEqual([
      { unitId: 'so-tu-phap', submitted: true },
      { unitId: 'so-xay-dung', submitted: false },
      { unitId: 'so-y-te', submitted: false },
    ])
    expect(await drafts.of(id)).toEqual(new Map())
  })

  it('saves drafts of units not sent, refuses a sent or unlisted unit, and sends a unit once across servers', async () => {
    const { respondents, drafts } = opened.port
    const id = await respondents.add(SURVEY, an, { hash: 'h', sealed: 's' }, NOW)
    expect(await drafts.save(id, 'so-y-te', draft('fair'), NOW)).toBe('saved')
    expect(await drafts.save(id, 'so-y-te', draft('good'), '2025-10-01T09:00:00.000Z')).toBe('saved')
    expect(await drafts.save(id, 'so-khac', draft('good'), NOW)).toBe('not-listed')
    expect(await (await opened.second()).drafts.of(id)).toEqual(
      new Map([['so-y-te', { answers: { q1: 'good' }, updatedAt: '2025-10-01T09:00:00.000Z' }]]),
    )
    const other = await opened.otherStorage()
    const sends = await Promise.all([sendUnit(opened.storage, id, 'so-y-te'), sendUnit(other, id, 'so-y-te')])
    expect(sends.sort()).toEqual([false, true])
    expect(await drafts.save(id, 'so-y-te', draft('poor'), NOW)).toBe('sent')
    expect(await drafts.of(id)).toEqual(new Map())
  })

  it('never leaves a draft of a unit sent through another server at the same moment', async () => {
    const { respondents } = opened.port
    const id = await respondents.add(SURVEY, an, { hash: 'h', sealed: 's' }, NOW)
    const other = await opened.otherStorage()
    const second = await opened.second()
    for (const unitId of an.units) {
      const [saved] = await Promise.all([
        second.drafts.save(id, unitId, draft('good'), NOW),
        sendUnit(other, id, unitId),
      ])
      expect(['saved', 'sent']).toContain(saved)
    }
    expect(await opened.port.drafts.of(id)).toEqual(new Map())
    expect((await respondents.get(id))?.unitStates.every((s) => s.submitted)).toBe(true)
  })
})
