import { checkSittingDraft, validateResponse, type SittingGrant, type SittingUnit } from '@parsurvey/shared'
import { makeRegisterSurvey } from '@parsurvey/shared/testing'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApi } from '../api/endpoints.ts'
import { createHttp, type FetchFn } from '../api/http.ts'
import { provideServices } from '../services.ts'
import { createDexieStorage } from '../storage/dexie-storage.ts'
import type { DeviceStore } from '../storage/storage.ts'
import { requestJson } from '../test/fixtures.ts'
import { useRespondentStore } from './respondent.ts'
import { useSittingStore } from './sitting.ts'

const CODE = 'ABCD-EFGH-JKM0-PQR1'
const survey = makeRegisterSurvey()
const UNITS = ['so-noi-vu', 'so-tai-chinh', 'so-y-te']

/**
 * The sitting routes at the network boundary, with the server's rules from shared/: drafts are
 * checked by `checkSittingDraft`, a unit is sent once (an exact resend is a duplicate), and the
 * round can be closed.
 */
type FakeServer = {
  online: boolean
  roundClosed: boolean
  /** Replies are lost after the server acted (the request reached it, the answer did not). */
  loseReplies: boolean
  drafts: Map<string, { answers: Record<string, unknown>; updatedAt: string }>
  sent: Map<string, { id: string; body: string }>
  calls: string[]
}
let server: FakeServer
let storage: DeviceStore
let dbCount = 0
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const error = (status: number, code: string, message = code) => json(status, { error: { code, message } })

const fetch: FetchFn = async (url, init) => {
  if (!server.online) throw new TypeError('Failed to fetch')
  const method = init?.method ?? 'GET'
  const [, code, , unitId, draft] = decodeURI(url)
    .replace(/^\/api\/respond\//, '/')
    .split('/')
  server.calls.push(`${method} ${unitId ?? ''}${draft ? '/draft' : ''}`)
  if (code !== CODE) return error(404, 'code-not-found')
  if (server.roundClosed) return error(410, 'code-expired', 'Đợt khảo sát đã kết thúc.')
  if (method === 'GET') {
    const units: SittingUnit[] = UNITS.map((id) => ({
      unitId: id,
      submitted: server.sent.has(id),
      draft: server.sent.has(id) ? null : ((server.drafts.get(id) as SittingUnit['draft']) ?? null),
    }))
    const grant: SittingGrant = { kind: 'register', survey, groupId: 'dept-leader', units, expiresAt: null }
    return json(200, grant)
  }
  if (!unitId || !UNITS.includes(unitId)) return error(404, 'sitting-unit-not-listed')
  const body = (await requestJson(init)) as { id: string; answers: Record<string, unknown> }
  if (draft) {
    if (server.sent.has(unitId)) return error(409, 'sitting-unit-sent')
    const check = checkSittingDraft(survey, 'dept-leader', body)
    if (!check.ok) return error(400, check.issue.code)
    server.drafts.set(unitId, { answers: check.draft.answers, updatedAt: '2026-10-02T01:00:00.000Z' })
    return server.loseReplies ? Promise.reject(new TypeError('reset')) : json(200, { unitId })
  }
  const previous = server.sent.get(unitId)
  const text = JSON.stringify(body)
  if (previous && previous.body !== text) return error(410, 'sitting-unit-sent')
  const valid = validateResponse(survey, {
    ...body,
    surveyId: survey.id,
    surveyVersion: survey.version,
    unitId,
    groupId: 'dept-leader',
    locationId: null,
    channel: 'online',
    deviceId: 'online',
  })
  if (!valid.ok) return error(400, valid.issues[0]!.code)
  server.sent.set(unitId, { id: body.id, body: text })
  server.drafts.delete(unitId)
  if (server.loseReplies) throw new TypeError('connection reset')
  return json(previous ? 200 : 201, {
    id: body.id,
    status: previous ? 'duplicate' : 'stored',
    hash: 'h',
    receivedAt: '2026-10-02T01:05:00.000Z',
  })
}

/** A new tab of the same browser (same IndexedDB), opening the personal link. */
async function openTab() {
  setActivePinia(createPinia())
  const r = useRespondentStore()
  await r.open(CODE.toLowerCase())
  return { r, s: useSittingStore() }
}

beforeEach(() => {
  server = {
    online: true,
    roundClosed: false,
    loseReplies: false,
    drafts: new Map(),
    sent: new Map(),
    calls: [],
  }
  storage = createDexieStorage(`sitting-test-${++dbCount}`)
  provideServices({
    storage,
    api: createApi(createHttp({ fetch, locale: () => 'vi' })),
    now: () => new Date('2026-10-02T01:00:00Z'),
  })
})
afterEach(() => useSittingStore().dispose())

describe('a personal code: several units in one sitting', () => {
  it('opens every unit of the person with the questions of their group, none started', async () => {
    const { r, s } = await openTab()
    expect(r.phase).toBe('sitting')
    expect(s.unitIds).toEqual(UNITS)
    expect(s.form?.questions.map((q) => q.id)).toEqual(['q1', 'q2'])
    expect(s.statuses).toEqual({ 'so-noi-vu': 'todo', 'so-tai-chinh': 'todo', 'so-y-te': 'todo' })
  })

  it('saves answers as the server draft, and another browser finds them there', async () => {
    const { s } = await openTab()
    await s.answer('so-noi-vu', 'q1', 'good')
    await s.answer('so-tai-chinh', 'q2', 'poor')
    await s.flush()
    expect(server.drafts.get('so-noi-vu')?.answers).toEqual({ q1: 'good' })
    expect(server.drafts.get('so-tai-chinh')?.answers).toEqual({ q2: 'poor' })
    expect(s.waiting).toBe(false)

    // Another device: a fresh browser storage, same link.
    storage = createDexieStorage(`sitting-test-${++dbCount}`)
    provideServices({ storage, api: createApi(createHttp({ fetch, locale: () => 'vi' })), now: () => new Date() })
    const other = await openTab()
    expect(other.s.record?.units['so-noi-vu']?.answers).toEqual({ q1: 'good' })
    expect(other.s.statuses['so-tai-chinh']).toBe('started')
  })

  it('keeps answers in the browser without a network, reopens from them, and pushes them when back', async () => {
    const { s } = await openTab()
    await s.answer('so-noi-vu', 'q1', 'good')
    await s.flush()
    server.online = false
    await s.answer('so-noi-vu', 'q2', 'fair')
    await s.flush()
    expect(s.offline).toBe(true)
    expect(s.waiting).toBe(true)
    expect(server.drafts.get('so-noi-vu')?.answers).toEqual({ q1: 'good' })

    // Closed and reopened while still offline: the copy kept here.
    s.dispose()
    const offline = await openTab()
    expect(offline.r.phase).toBe('sitting')
    expect(offline.s.offline).toBe(true)
    expect(offline.s.record?.units['so-noi-vu']?.answers).toEqual({ q1: 'good', q2: 'fair' })
    offline.s.dispose()

    // Back online: the newer copy kept here wins over the server's older draft, and is pushed.
    server.online = true
    const back = await openTab()
    expect(back.s.record?.units['so-noi-vu']?.answers).toEqual({ q1: 'good', q2: 'fair' })
    await back.s.flush()
    expect(server.drafts.get('so-noi-vu')?.answers).toEqual({ q1: 'good', q2: 'fair' })
    expect(back.s.waiting).toBe(false)
  })

  it('sends a unit only when its questions are complete, once; a sent unit is read-only and stays done', async () => {
    const { s } = await openTab()
    await s.answer('so-noi-vu', 'q1', 'good')
    expect(await s.send('so-noi-vu')).toBe(false)
    expect(s.blockedBy['so-noi-vu']).toBe('q2')
    expect(server.calls.filter((c) => c.startsWith('POST'))).toEqual([])

    await s.answer('so-noi-vu', 'q2', 'fair')
    expect(s.statuses['so-noi-vu']).toBe('ready')
    expect(await s.send('so-noi-vu')).toBe(true)
    expect(s.statuses['so-noi-vu']).toBe('sent')
    expect(JSON.parse(server.sent.get('so-noi-vu')!.body).answers).toEqual({ q1: 'good', q2: 'fair' })
    await s.answer('so-noi-vu', 'q1', 'poor')
    expect(s.record?.units['so-noi-vu']?.answers).toEqual({})
    expect(await s.send('so-noi-vu')).toBe(false)
    expect(server.calls.filter((c) => c.startsWith('POST'))).toHaveLength(1)

    s.dispose()
    const again = await openTab()
    expect(again.s.statuses).toMatchObject({ 'so-noi-vu': 'sent', 'so-tai-chinh': 'todo' })
    expect(again.s.done).toBe(1)
  })

  it('a send whose reply was lost is retried with the same id and body: one response', async () => {
    const { s } = await openTab()
    await s.answer('so-y-te', 'q1', 'very-good')
    await s.answer('so-y-te', 'q2', 'good')
    server.loseReplies = true
    expect(await s.send('so-y-te')).toBe(false)
    expect(s.statuses['so-y-te']).toBe('sending')
    const first = server.sent.get('so-y-te')!
    server.loseReplies = false
    await s.flush()
    expect(s.statuses['so-y-te']).toBe('sent')
    expect(server.sent.get('so-y-te')).toEqual(first)
    expect(server.calls.filter((c) => c === 'POST so-y-te')).toHaveLength(2)
  })

  it('finishes when every unit is sent', async () => {
    const { s } = await openTab()
    for (const unit of UNITS) {
      await s.answer(unit, 'q1', 'good')
      await s.answer(unit, 'q2', 'dont-know')
      expect(await s.send(unit)).toBe(true)
    }
    expect(s.finished).toBe(true)
    expect([...server.sent.keys()].sort()).toEqual([...UNITS].sort())
    // Nothing of a finished sitting stays in this (perhaps shared) browser, even after reopening it.
    await s.whenWritten()
    expect(await storage.sitting(CODE)).toBeUndefined()
    s.dispose()
    const again = await openTab()
    expect(again.s.finished).toBe(true)
    await again.s.whenWritten()
    expect(await storage.sitting(CODE)).toBeUndefined()
  })

  it('opened from the copy here without a network, reads the server again once it answers', async () => {
    const { s } = await openTab()
    await s.answer('so-noi-vu', 'q1', 'good')
    await s.flush()
    s.dispose()

    server.online = false
    const cold = await openTab()
    expect(cold.r.phase).toBe('sitting')
    expect(cold.s.offline).toBe(true)
    expect(cold.s.waiting).toBe(false)
    // Meanwhile another device sent a unit; this one has nothing to push, yet learns it.
    server.sent.set('so-y-te', { id: 'elsewhere', body: '{}' })
    await cold.s.flush()
    expect(cold.s.offline).toBe(true)
    server.online = true
    await cold.s.flush()
    expect(cold.s.offline).toBe(false)
    expect(cold.s.statuses).toMatchObject({ 'so-noi-vu': 'started', 'so-y-te': 'sent' })
    expect(server.calls.filter((c) => c === 'GET ')).toHaveLength(2)
  })

  it('after the round: says so, keeps the answers here, and sends nothing more', async () => {
    const { s } = await openTab()
    await s.answer('so-noi-vu', 'q1', 'good')
    server.roundClosed = true
    await s.flush()
    expect(s.closed?.code).toBe('code-expired')
    await s.answer('so-noi-vu', 'q2', 'good')
    expect(await s.send('so-noi-vu')).toBe(false)
    expect(s.record?.units['so-noi-vu']?.answers).toEqual({ q1: 'good' })

    s.dispose()
    const later = await openTab()
    expect(later.r.phase).toBe('refused')
    expect(later.r.problem?.kind).toBe('expired')
    expect(later.r.keptSitting).toBe(true)
  })

  it('a unit sent from another device shows as done here, its local answers dropped', async () => {
    const { s } = await openTab()
    await s.answer('so-tai-chinh', 'q1', 'good')
    await s.flush()
    server.sent.set('so-tai-chinh', { id: 'elsewhere', body: '{}' })
    await s.answer('so-tai-chinh', 'q2', 'good')
    await s.flush()
    expect(s.statuses['so-tai-chinh']).toBe('sent')
    expect(s.record?.units['so-tai-chinh']?.answers).toEqual({})
  })
})
