import {
  applyRows,
  emptyState,
  responseContributions,
  scoreSurvey,
  stateFromRows,
  stateToRows,
  type Response,
} from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { effectiveResponses } from '../db/effective-responses.ts'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const LIST = `/api/review/responses?surveyId=${survey.id}&version=${survey.version}`
type Json = Record<string, unknown> & { error: { code: string; field?: string } }
const json = async (res: Response | globalThis.Response) => (await (res as globalThis.Response).json()) as Json

async function sync(responses: Response[], as = 'surveyor') {
  const res = await t.request('/api/sync', { json: { responses }, as })
  expect(res.status).toBe(200)
}
const voidIt = (id: string, as: string, reason: unknown = 'phiếu ghi nhầm đơn vị') =>
  t.request(`/api/review/responses/${id}/void`, { as, json: { reason } })
const restore = (id: string, as: string) =>
  t.request(`/api/review/responses/${id}/restore`, { as, json: { reason: 'hủy nhầm' } })
const listIds = async (as: string, query = '') =>
  ((await json(await t.request(`${LIST}${query}`, { as }))).responses as { id: string }[]).map((r) => r.id)
/** Responses counted in the aggregates, folded up to the last stored response first. */
const tally = () => {
  t.services.folding.flush()
  return t.db.prepare('SELECT COALESCE(SUM(responses), 0) FROM agg_tallies').pluck().get() as number
}

/** The live aggregates score exactly like a rebuild from the effective responses. */
function expectAggregatesEqualRebuild(): void {
  const rebuilt = emptyState()
  for (const { body } of effectiveResponses(t.db, key.surveyId, key.surveyVersion)) {
    applyRows(rebuilt, responseContributions(survey, JSON.parse(body) as Response), 1)
  }
  t.services.folding.flush()
  const live = stateFromRows(t.services.sqlite.aggregates.read(key))
  expect(scoreSurvey(survey, live)).toEqual(scoreSurvey(survey, rebuilt))
  expect(stateToRows(live).tallies).toEqual(stateToRows(rebuilt).tallies)
  expect(stateToRows(live).options).toEqual(stateToRows(rebuilt).options)
}

describe('GET /api/review/responses', () => {
  it('shows a surveyor only their own, a supervisor only their units, analysts and admins everything', async () => {
    const mine = makeResponse()
    const other = makeResponse({ unitId: 'huyen-b' })
    const bySupervisor = makeResponse()
    await sync([mine])
    await sync([other], 'admin')
    await sync([bySupervisor], 'supervisor')
    expect(await listIds('surveyor')).toEqual([mine.id])
    expect(await listIds('supervisor')).toEqual([mine.id, bySupervisor.id])
    expect(await listIds('analyst')).toEqual([mine.id, other.id, bySupervisor.id])
    expect(await listIds('admin', '&unitId=huyen-b')).toEqual([other.id])
    expect(await listIds('surveyor', '&unitId=huyen-b')).toEqual([])
    const denied = await t.request(`${LIST}&unitId=huyen-b`, { as: 'supervisor' })
    expect(denied.status).toBe(403)
    expect((await json(denied)).error).toMatchObject({ code: 'review-unit-not-assigned', field: 'unitId' })
  })

  it('pages with a cursor', async () => {
    const all = [makeResponse(), makeResponse(), makeResponse()]
    await sync(all)
    const first = await json(await t.request(`${LIST}&limit=2`, { as: 'admin' }))
    expect((first.responses as { id: string }[]).map((r) => r.id)).toEqual([all[0]!.id, all[1]!.id])
    const second = await json(await t.request(`${LIST}&limit=2&cursor=${first.nextCursor as string}`, { as: 'admin' }))
    expect((second.responses as { id: string }[]).map((r) => r.id)).toEqual([all[2]!.id])
    expect(second.nextCursor).toBeNull()
    expect((await json(await t.request(`${LIST}&cursor=abc`, { as: 'admin' }))).error).toMatchObject({
      code: 'invalid-positive-integer',
      field: 'cursor',
    })
  })
})

describe('voiding and restoring a response', () => {
  it('adds a void row, keeps the raw response, takes it out of the aggregates and audits it', async () => {
    const keep = makeResponse()
    const bad = makeResponse({ answers: { q1: 'poor', q2: 'poor', q3: 'poor' } })
    await sync([keep, bad])
    const rawBefore = t.db.prepare('SELECT * FROM responses WHERE id = ?').get(bad.id)
    const res = await voidIt(bad.id, 'supervisor')
    expect(res.status).toBe(200)
    expect((await json(res)).response).toMatchObject({
      id: bad.id,
      voided: { by: 'supervisor', reason: 'phiếu ghi nhầm đơn vị' },
    })
    expect(t.db.prepare('SELECT * FROM responses WHERE id = ?').get(bad.id)).toEqual(rawBefore)
    expect(tally()).toBe(1)
    expectAggregatesEqualRebuild()
    expect([...effectiveResponses(t.db, key.surveyId, key.surveyVersion)].map((r) => r.id)).toEqual([keep.id])
    const audit = t.services.sqlite.audit.list({ limit: 1 })[0]!
    expect(audit).toMatchObject({ action: 'response-void', target: `response:${bad.id}`, username: 'supervisor' })
  })

  it('refuses to void twice (409), restores through another row, and keeps the history', async () => {
    const response = makeResponse()
    await sync([response])
    expect((await voidIt(response.id, 'admin')).status).toBe(200)
    const again = await voidIt(response.id, 'admin')
    expect(again.status).toBe(409)
    expect((await json(again)).error.code).toBe('review-response-already-voided')
    expect((await restore(response.id, 'supervisor')).status).toBe(200)
    expect(tally()).toBe(1)
    expectAggregatesEqualRebuild()
    expect((await restore(response.id, 'supervisor')).status).toBe(409)
    const history = t.db
      .prepare('SELECT action FROM response_voids WHERE response_id = ? ORDER BY seq')
      .pluck()
      .all(response.id)
    expect(history).toEqual(['void', 'restore'])
  })

  it('needs a reason naming the field', async () => {
    const response = makeResponse()
    await sync([response])
    const res = await voidIt(response.id, 'admin', '   ')
    expect(res.status).toBe(400)
    expect((await json(res)).error).toMatchObject({ code: 'required-field', field: 'reason' })
  })

  it('a supervisor cannot void a response of a unit not assigned to them; analysts and surveyors cannot void', async () => {
    const other = makeResponse({ unitId: 'huyen-b' })
    const own = makeResponse()
    await sync([other], 'admin')
    await sync([own])
    // Another unit's response is not found for them (cross-unit.test.ts: no more than that is told).
    const res = await voidIt(other.id, 'supervisor')
    expect(res.status).toBe(404)
    expect((await json(res)).error.code).toBe('review-response-not-found')
    expect((await voidIt(own.id, 'analyst')).status).toBe(403)
    expect((await voidIt(own.id, 'surveyor')).status).toBe(403)
    expect(t.db.prepare('SELECT COUNT(*) FROM response_voids').pluck().get()).toBe(0)
  })

  it('answers 404 for an unknown response', async () => {
    expect((await voidIt('00000000-0000-4000-8000-000000000000', 'admin')).status).toBe(404)
  })
})

describe('conflicts', () => {
  /** A resend that changes q1 (every required question still answered). */
  const PROPOSED = { q1: 'poor', q2: 'very-good', q3: 'fair' }

  async function conflictFor(original: Response, answers: Response['answers']) {
    await sync([original])
    await sync([{ ...original, answers }])
    const list = await json(await t.request('/api/review/conflicts', { as: 'supervisor' }))
    return (list.conflicts as { seq: number; responseId: string; proposed: Response }[]).find(
      (c) => c.responseId === original.id,
    )!
  }

  it('lists the conflicts waiting for review, with the proposed content', async () => {
    const original = makeResponse()
    const conflict = await conflictFor(original, PROPOSED)
    expect(conflict.proposed.answers).toEqual(PROPOSED)
    expect((await t.request('/api/review/conflicts', { as: 'surveyor' })).status).toBe(403)
  })

  it('accept-new stores a correction linked to the original and moves the aggregates to the new content', async () => {
    const original = makeResponse({ answers: { q1: 'very-good', q2: 'very-good', q3: 'very-good' } })
    const conflict = await conflictFor(original, { q1: 'poor', q2: 'poor', q3: 'poor' })
    const res = await t.request(`/api/review/conflicts/${conflict.seq}/resolve`, {
      as: 'supervisor',
      json: { action: 'accept-new', reason: 'điều tra viên sửa lại' },
    })
    expect(res.status).toBe(200)
    const { response } = (await json(res)) as unknown as {
      response: { correction: { conflictSeq: number; response: Response } }
    }
    expect(response.correction).toMatchObject({ conflictSeq: conflict.seq, response: { answers: { q1: 'poor' } } })
    expect(
      JSON.parse(t.db.prepare('SELECT body FROM responses WHERE id = ?').pluck().get(original.id) as string).answers.q1,
    ).toBe('very-good')
    const [effective] = [...effectiveResponses(t.db, key.surveyId, key.surveyVersion)]
    expect(effective).toMatchObject({ id: original.id, corrected: true })
    expect(tally()).toBe(1)
    expectAggregatesEqualRebuild()
    expect(
      ((await json(await t.request('/api/review/conflicts', { as: 'admin' }))).conflicts as unknown[]).length,
    ).toBe(0)
    const again = await t.request(`/api/review/conflicts/${conflict.seq}/resolve`, {
      as: 'admin',
      json: { action: 'keep-original', reason: 'x' },
    })
    expect(again.status).toBe(409)
    // Voiding a corrected response takes out the corrected content.
    expect((await voidIt(original.id, 'supervisor')).status).toBe(200)
    expect(tally()).toBe(0)
    expectAggregatesEqualRebuild()
  })

  it('keep-original only records the decision', async () => {
    const original = makeResponse()
    const conflict = await conflictFor(original, PROPOSED)
    const before = await t.services.aggregates.read(key)
    const res = await t.request(`/api/review/conflicts/${conflict.seq}/resolve`, {
      as: 'admin',
      json: { action: 'keep-original', reason: 'bản gốc đúng' },
    })
    expect(res.status).toBe(200)
    expect(await t.services.aggregates.read(key)).toEqual(before)
    expect(t.db.prepare('SELECT COUNT(*) FROM response_corrections').pluck().get()).toBe(0)
    expect(t.services.sqlite.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'conflict-keep-original',
      target: `conflict:${conflict.seq}`,
    })
  })

  it('refuses a resend that would move the response to another unit, and an unknown action', async () => {
    const original = makeResponse()
    await sync([original], 'admin')
    await sync([{ ...original, unitId: 'huyen-b' }], 'admin')
    const [conflict] = (await json(await t.request('/api/review/conflicts', { as: 'admin' }))).conflicts as {
      seq: number
    }[]
    const moved = await t.request(`/api/review/conflicts/${conflict!.seq}/resolve`, {
      as: 'admin',
      json: { action: 'accept-new', reason: 'x' },
    })
    expect(moved.status).toBe(409)
    expect((await json(moved)).error.code).toBe('review-conflict-moves-response')
    const unknown = await t.request(`/api/review/conflicts/${conflict!.seq}/resolve`, {
      as: 'admin',
      json: { action: 'merge', reason: 'x' },
    })
    expect((await json(unknown)).error).toMatchObject({ code: 'review-action-unknown', field: 'action' })
  })

  it('a supervisor neither sees nor resolves conflicts of units not assigned to them', async () => {
    const original = makeResponse({ unitId: 'huyen-b' })
    await sync([original], 'admin')
    await sync([{ ...original, answers: PROPOSED }], 'admin')
    expect((await json(await t.request('/api/review/conflicts', { as: 'supervisor' }))).conflicts).toEqual([])
    const seq = t.db.prepare('SELECT seq FROM conflicts').pluck().get() as number
    const res = await t.request(`/api/review/conflicts/${seq}/resolve`, {
      as: 'supervisor',
      json: { action: 'accept-new', reason: 'x' },
    })
    expect(res.status).toBe(404)
  })
})

describe('GET /api/audit', () => {
  it('pages the audit log newest first for admins only', async () => {
    for (const username of ['aa1', 'aa2', 'aa3']) {
      await t.request('/api/users', { as: 'admin', json: { username, role: 'analyst' } })
    }
    const first = await json(await t.request('/api/audit?limit=2', { as: 'admin' }))
    const entries = first.entries as { seq: number; target: string; username: string }[]
    expect(entries.map((e) => e.target)).toEqual(['user:aa3', 'user:aa2'])
    expect(entries[0]!.username).toBe('admin')
    // Paging by `next` walks the whole log once, newest first, and ends with a null cursor.
    const everything = await json(await t.request('/api/audit?limit=1000', { as: 'admin' }))
    const paged: string[] = entries.map((e) => e.target)
    let cursor = first.next as number | null
    while (cursor !== null) {
      const page = await json(await t.request(`/api/audit?limit=2&before=${cursor}`, { as: 'admin' }))
      paged.push(...(page.entries as { target: string }[]).map((e) => e.target))
      cursor = page.next as number | null
    }
    expect(paged[2]).toBe('user:aa1')
    expect(paged).toEqual((everything.entries as { target: string }[]).map((e) => e.target))
    expect((await json(await t.request('/api/audit?limit=0', { as: 'admin' }))).error).toMatchObject({ field: 'limit' })
    expect((await t.request('/api/audit', { as: 'analyst' })).status).toBe(403)
  })
})
