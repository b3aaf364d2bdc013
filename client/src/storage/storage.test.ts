import { describe, expect, it } from 'vitest'
import { makeVerifier } from '../session/password-verifier.ts'
import { testDraft, testResponse, testSurvey } from '../test/fixtures.ts'
import { createDexieStorage } from './dexie-storage.ts'
import { createMemoryStorage } from './memory-storage.ts'
import type { DeviceStore } from './storage.ts'

let dbCount = 0
const implementations: [string, () => DeviceStore][] = [
  ['dexie', () => createDexieStorage(`parsurvey-test-${++dbCount}`)],
  ['memory', () => createMemoryStorage()],
]

describe.each(implementations)('%s storage', (_name, make) => {
  it('keeps one device id forever', async () => {
    const storage = make()
    const first = await storage.deviceId()
    expect(first).toMatch(/^[0-9a-f-]{36}$/)
    expect(await storage.deviceId()).toBe(first)
  })

  it('restores a saved draft with its answers and the question on screen', async () => {
    const storage = make()
    const draft = testDraft({ answers: { q1: 'good' }, cursor: 2 })
    await storage.saveDraft(draft)
    await storage.saveDraft({ ...draft, answers: { q1: 'good', q2: 'poor' }, cursor: 3 })
    expect(await storage.draft(draft.id)).toEqual({ ...draft, answers: { q1: 'good', q2: 'poor' }, cursor: 3 })
    expect((await storage.drafts()).map((d) => d.id)).toEqual([draft.id])
  })

  it.each([
    ['just opened', false],
    ['already open', true],
  ])('stores drafts written without waiting (%s) in the order asked, each as it was then', async (_, opened) => {
    const storage = make()
    if (opened) await storage.drafts()
    const draft = testDraft({ answers: {}, cursor: 0 })
    const live = { ...draft }
    const writes: Promise<void>[] = []
    for (const [index, [question, value]] of Object.entries([
      ['q1', 'good'],
      ['q2', 'fair'],
      ['q3', 'poor'],
    ] as const)) {
      live.answers = { ...live.answers, [question]: value }
      live.cursor = Number(index) + 1
      writes.push(storage.saveDraft(live))
    }
    // Changed after the last write was asked for: not stored.
    live.cursor = 9
    await Promise.all(writes)
    expect(await storage.draft(draft.id)).toEqual({
      ...draft,
      answers: { q1: 'good', q2: 'fair', q3: 'poor' },
      cursor: 3,
    })
  })

  it('finishing moves the draft into the outbox under the same id', async () => {
    const storage = make()
    const draft = testDraft()
    await storage.saveDraft(draft)
    const response = testResponse({ id: draft.id })
    await storage.finishDraft(response, '2025-05-01T08:10:00.000+07:00')
    expect(await storage.draft(draft.id)).toBeUndefined()
    const [entry] = await storage.outbox()
    expect(entry).toMatchObject({ id: draft.id, state: 'pending', attempts: 0, response })
    expect(await storage.countPending()).toBe(1)
  })

  it('finishing twice keeps the first queued response', async () => {
    const storage = make()
    const response = testResponse()
    await storage.finishDraft(response, '2025-05-01T08:10:00.000+07:00')
    await storage.finishDraft({ ...response, answers: { q1: 'poor' } }, '2025-05-01T08:11:00.000+07:00')
    expect((await storage.outbox()).map((e) => e.response.answers)).toEqual([{ q1: 'good' }])
  })

  it('lists pending responses oldest first and no more than asked', async () => {
    const storage = make()
    const ids: Record<string, string> = {}
    for (const minute of ['03', '01', '02']) {
      const response = testResponse()
      await storage.finishDraft(response, `2025-05-01T08:${minute}:00.000+07:00`)
      ids[minute] = response.id
    }
    const pending = await storage.pending(2)
    expect(pending.map((e) => e.id)).toEqual([ids['01'], ids['02']])
  })

  it('keeps receipts and moves entries to their new state', async () => {
    const storage = make()
    const a = testResponse()
    const b = testResponse()
    await storage.finishDraft(a, '2025-05-01T08:00:00.000+07:00')
    await storage.finishDraft(b, '2025-05-01T08:01:00.000+07:00')
    const reason = { code: 'conflict', message: 'khác nội dung' }
    await storage.recordSync(
      [
        { id: a.id, status: 'stored', hash: 'h1', receivedAt: '2025-05-01T09:00:00Z' },
        { id: b.id, status: 'conflict', hash: null, receivedAt: '2025-05-01T09:00:00Z', error: reason },
      ],
      [
        { id: a.id, state: 'sent' },
        { id: b.id, state: 'conflict', reason },
      ],
    )
    expect(await storage.countPending()).toBe(0)
    const entries = await storage.outbox()
    expect(entries.map((e) => [e.id, e.state])).toEqual([
      [a.id, 'sent'],
      [b.id, 'conflict'],
    ])
    expect(entries[1]?.reason).toEqual(reason)
    expect(await storage.receipts(a.id)).toMatchObject([{ id: a.id, status: 'stored', hash: 'h1' }])
  })

  it('a failed attempt keeps the response pending and counts the attempt', async () => {
    const storage = make()
    const response = testResponse()
    await storage.finishDraft(response, '2025-05-01T08:00:00.000+07:00')
    await storage.recordFailure([response.id], { code: 'network', message: 'offline' })
    await storage.recordFailure([response.id], { code: 'network', message: 'offline' })
    expect(await storage.pending(50)).toMatchObject([{ id: response.id, state: 'pending', attempts: 2 }])
  })

  it('caches surveys with their definitions and the signed-in user', async () => {
    const storage = make()
    const survey = testSurvey()
    const summary = { id: survey.id, version: 1, year: 2025, unitKind: 'district', title: survey.title }
    await storage.saveSurveys([summary], [survey])
    expect(await storage.surveys()).toEqual([summary])
    expect(await storage.survey(survey.id, 1)).toEqual(survey)
    expect(await storage.survey(survey.id, 2)).toBeUndefined()
    const user = { username: 'an', role: 'surveyor' as const, units: ['huyen-a'] }
    await storage.cacheUser(user)
    expect(await storage.cachedUser()).toEqual(user)
    await storage.cacheUser(undefined)
    expect(await storage.cachedUser()).toBeUndefined()
    await storage.setLastSyncAt('2025-05-01T09:00:00Z')
    expect(await storage.lastSyncAt()).toBe('2025-05-01T09:00:00Z')
  })

  it('keeps the users of the device with their verifiers when the signed-in user is forgotten', async () => {
    const storage = make()
    expect(await storage.deviceUsers()).toEqual([])
    const user = { username: 'an', role: 'surveyor' as const, units: ['huyen-a'] }
    const known = [{ user, verifier: await makeVerifier('pw', 1000), confirmedAt: '2025-05-01T00:00:00Z' }]
    await storage.saveDeviceUsers(known)
    await storage.cacheUser(undefined)
    expect(await storage.deviceUsers()).toEqual(known)
  })
})
