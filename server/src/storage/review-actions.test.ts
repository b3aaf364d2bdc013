import type { Response } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rebuildAggregates } from '../aggregates/rebuild.ts'
import type { ReviewReads } from '../db/review.ts'
import type { User } from '../db/users.ts'
import { reviewActions, type ReviewActions } from '../review/review.ts'
import { prepareResponse } from '../sync/ingest.ts'
import { portVariants, type PortCase } from '../testing/port-engines.ts'
import { checkedBatch, normalRows, responses } from '../testing/response-fixtures.ts'
import { seedStorage } from '../testing/storage-engines.ts'
import { aggregateStore } from './aggregate-store.ts'
import { readProgressRows, readScoringRows } from './aggregate-rows.ts'
import { auditStore } from './audit-store.ts'
import { asyncPort, type Async } from './backend.ts'
import { responseStore } from './response-store.ts'
import { reviewActionStore } from './review-action-store.ts'
import { reviewStore } from './review-store.ts'

type Ports = { actions: Async<ReviewActions>; reads: Async<ReviewReads> }

const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const surveyor: User = { id: 1, username: 'lan', role: 'surveyor', units: ['huyen-a', 'huyen-b'], disabled: false }
const supervisorA: User = { id: 2, username: 'hoa', role: 'supervisor', units: ['huyen-a'], disabled: false }
const supervisorB: User = { id: 3, username: 'tuan', role: 'supervisor', units: ['huyen-b'], disabled: false }
const admin: User = { id: 4, username: 'quan-tri', role: 'admin', units: 'all', disabled: false }
const T = new Date('2025-10-20T02:00:00Z')

const variants = portVariants<Ports>(
  (services) => ({ actions: asyncPort(reviewActions(services)), reads: asyncPort(services.review) }),
  (storage) => ({ actions: reviewActionStore(storage), reads: reviewStore(storage) }),
)

/** A code of the DomainError a review action is refused with. */
const refused = (code: string, status: number) => expect.objectContaining({ code, status })

describe.each(variants)('review actions through $name', (variant) => {
  let c: PortCase<Ports>
  let stored: Response[]
  beforeEach(async () => {
    c = await variant.open()
    await seedStorage(c.storage, survey, [surveyor, supervisorA, supervisorB, admin])
    stored = [...responses(12), ...responses(6, 'huyen-b')]
    await responseStore(c.storage).storeBatches([checkedBatch(survey, surveyor, stored)])
    await fold()
  })
  afterEach(() => c.drop())

  const fold = async () => (c.services ? c.services.folding.flush() : aggregateStore(c.storage).fold())
  const rebuild = async () =>
    c.services ? rebuildAggregates(c.services, survey) : aggregateStore(c.storage).rebuild(survey)
  const state = async () => ({
    rows: normalRows(await readScoringRows(c.storage.db, key)),
    progress: (await readProgressRows(c.storage.db, key)).filter((r) => r.responses !== 0),
  })
  /** The live aggregates equal a rebuild from the effective responses, and count `n` responses. */
  async function expectRebuildEqual(n: number) {
    await fold()
    const live = await state()
    expect(live.rows.tallies.reduce((sum, t) => sum + t.responses, 0)).toBe(n)
    expect(await rebuild()).toMatchObject({ responses: n })
    expect(await state()).toEqual(live)
  }
  /** Stores a conflicting resend of `r` with new answers; its seq. */
  async function conflictOf(r: Response, answers: Response['answers']): Promise<number> {
    const { body, hash } = prepareResponse(survey, { ...r, answers, submittedAt: '2025-10-09T09:00:00+07:00' })
    const row = await c.storage.db
      .insertInto('conflicts')
      .values({ response_id: r.id, body, hash, received_at: T.toISOString(), received_by: surveyor.id })
      .returning('seq')
      .executeTakeFirstOrThrow()
    return Number(row.seq)
  }

  it('voids a response out of the aggregates and restores it, each once, audited', async () => {
    const [target] = stored
    const voided = await c.port.actions.setVoided(supervisorA, target!.id, true, 'phiếu ghi nhầm đơn vị', T)
    expect(voided.void).toEqual({ at: T.toISOString(), by: 'hoa', reason: 'phiếu ghi nhầm đơn vị' })
    await expectRebuildEqual(17)
    await expect(c.port.actions.setVoided(admin, target!.id, true, 'lần hai', T)).rejects.toEqual(
      refused('review-response-already-voided', 409),
    )
    const restored = await c.port.actions.setVoided(admin, target!.id, false, 'hủy nhầm', T)
    expect(restored.void).toBeNull()
    await expectRebuildEqual(18)
    await expect(c.port.actions.setVoided(admin, target!.id, false, 'lần hai', T)).rejects.toEqual(
      refused('review-response-not-voided', 409),
    )
    const entries = await auditStore(c.storage.db).list()
    expect(entries.filter((e) => e.action.startsWith('response-')).map((e) => [e.action, e.after])).toEqual([
      ['response-restore', { voided: false, reason: 'hủy nhầm' }],
      ['response-void', { voided: true, reason: 'phiếu ghi nhầm đơn vị' }],
    ])
  })

  it('answers a response of another unit as one that does not exist', async () => {
    const ofB = stored.at(-1)!
    for (const id of [ofB.id, '00000000-0000-4000-8000-000000000000'])
      await expect(c.port.actions.setVoided(supervisorA, id, true, 'không phải đơn vị mình', T)).rejects.toEqual(
        refused('review-response-not-found', 404),
      )
    await expect(c.port.actions.setVoided(surveyor, ofB.id, true, 'không có quyền', T)).rejects.toEqual(
      refused('review-response-not-found', 404),
    )
    await expectRebuildEqual(18)
  })

  it('accepts a resend as a correction: the aggregates move from the old answers to the new ones', async () => {
    const target = stored[1]!
    const seq = await conflictOf(target, { ...target.answers, q1: 'poor', q3: 'very-good' })
    expect(
      (await c.port.reads.pendingConflicts({ units: ['huyen-a'], after: 0, limit: 10 })).map((p) => p.seq),
    ).toEqual([seq])
    expect(await c.port.reads.pendingConflicts({ units: ['huyen-b'], after: 0, limit: 10 })).toEqual([])
    const corrected = await c.port.actions.resolveConflict(supervisorA, seq, 'accept-new', 'người dân sửa lại', T)
    expect(corrected.correction).toMatchObject({ conflictSeq: seq, by: 'hoa', reason: 'người dân sửa lại' })
    expect(JSON.parse(corrected.correction!.body)).toMatchObject({ answers: { q1: 'poor', q3: 'very-good' } })
    await expectRebuildEqual(18)
    expect(await c.port.reads.conflict(seq)).toMatchObject({ seq, resolved: true })
    expect(await c.port.reads.pendingConflicts({ units: 'all', after: 0, limit: 10 })).toEqual([])
    await expect(c.port.actions.resolveConflict(admin, seq, 'keep-original', 'lần hai', T)).rejects.toEqual(
      refused('review-conflict-resolved', 409),
    )
    await expect(c.port.actions.resolveConflict(supervisorB, seq, 'keep-original', 'khác đơn vị', T)).rejects.toEqual(
      refused('review-conflict-not-found', 404),
    )
    // A voided response counts neither its old nor its new content; restoring it counts the correction.
    const other = stored[2]!
    await c.port.actions.setVoided(admin, other.id, true, 'trùng', T)
    const later = await conflictOf(other, { ...other.answers, q4: 'very-good' })
    await c.port.actions.resolveConflict(admin, later, 'accept-new', 'sửa khi đã hủy', T)
    await expectRebuildEqual(17)
    await c.port.actions.setVoided(admin, other.id, false, 'khôi phục', T)
    await expectRebuildEqual(18)
  })

  it('keeps the original on request, changing nothing that counts', async () => {
    const target = stored[3]!
    const before = await state()
    const seq = await conflictOf(target, { ...target.answers, q1: 'very-good' })
    const kept = await c.port.actions.resolveConflict(supervisorA, seq, 'keep-original', 'bản gốc đúng', T)
    expect(kept.correction).toBeNull()
    expect(await state()).toEqual(before)
    expect((await auditStore(c.storage.db).list())[0]).toMatchObject({
      action: 'conflict-keep-original',
      target: `conflict:${seq}`,
      after: { action: 'keep-original', correctionSeq: null },
    })
  })

  it('refuses to restore a paper keying that double entry holds back', async () => {
    const [counted, held] = [stored[4]!, stored[5]!]
    const form = await c.storage.db
      .insertInto('paper_forms')
      .values({ survey_id: survey.id, serial_key: 'A-001', state: 'matched', counted_id: counted.id, updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await c.storage.db
      .insertInto('paper_keyings')
      .values([
        { response_id: counted.id, form_id: Number(form.id), keying: 1 },
        { response_id: held.id, form_id: Number(form.id), keying: 2 },
      ])
      .execute()
    await c.port.actions.setVoided(admin, held.id, true, 'paper-entry-duplicate', T)
    await expect(c.port.actions.setVoided(admin, held.id, false, 'khôi phục', T)).rejects.toEqual(
      refused('paper-entry-held-not-restorable', 409),
    )
    await expectRebuildEqual(17)
  })

  it('pages what review shows: by unit, by sender, after a cursor, with each response’s state', async () => {
    // The response store inserts a batch in id order (storage/response-store.ts): that is storage order.
    const ids = (list: Response[]) => list.map((r) => r.id).sort()
    const first = ids(stored)[0]!
    await c.port.actions.setVoided(admin, first, true, 'hủy', T)
    const all = await c.port.reads.page({ ...key, units: 'all', after: 0, limit: 100 })
    expect(all.map((r) => r.id)).toEqual(ids(stored))
    expect(all[0]!.void).toMatchObject({ by: 'quan-tri', reason: 'hủy' })
    expect(all.slice(1).every((r) => r.void === null && r.correction === null && r.receivedBy === 'lan')).toBe(true)
    const ofB = await c.port.reads.page({ ...key, units: ['huyen-b'], after: 0, limit: 100 })
    expect(ofB.map((r) => r.id)).toEqual(ids(stored.slice(12)))
    const next = await c.port.reads.page({ ...key, units: 'all', after: all[9]!.cursor, limit: 5 })
    expect(next.map((r) => r.id)).toEqual(ids(stored).slice(10, 15))
    expect(await c.port.reads.page({ ...key, units: 'all', receivedBy: admin.id, after: 0, limit: 100 })).toEqual([])
    expect(await c.port.reads.find(first)).toEqual(all[0])
  })

  it('voids a response once when two servers void it at the same moment', async () => {
    const target = stored[6]!
    const second = await c.second()
    const outcomes = await Promise.allSettled([
      c.port.actions.setVoided(supervisorA, target.id, true, 'máy chủ 1', T),
      second.actions.setVoided(admin, target.id, true, 'máy chủ 2', T),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const [failure] = outcomes.filter((o) => o.status === 'rejected')
    expect(failure?.reason).toEqual(refused('review-response-already-voided', 409))
    await expectRebuildEqual(17)
  })

  it('keeps every void when review actions run beside a rebuild on another server', async () => {
    const second = await c.second()
    const targets = stored.slice(0, 6)
    await Promise.all([
      ...targets.map((r) => c.port.actions.setVoided(admin, r.id, true, 'song song', T)),
      c.services ? rebuild() : aggregateStore(await c.otherStorage()).rebuild(survey),
      second.actions.setVoided(admin, stored[7]!.id, true, 'song song', T),
    ])
    await expectRebuildEqual(11)
  })
})
