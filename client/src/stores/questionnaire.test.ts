import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApi } from '../api/endpoints.ts'
import { createHttp } from '../api/http.ts'
import { provideServices } from '../services.ts'
import { createDexieStorage } from '../storage/dexie-storage.ts'
import type { DeviceStore } from '../storage/storage.ts'
import { testSurvey } from '../test/fixtures.ts'
import { useDraftsStore } from './drafts.ts'
import { useQuestionnaireStore } from './questionnaire.ts'
import { useSessionStore } from './session.ts'

let dbCount = 0
let storage: DeviceStore

beforeEach(async () => {
  localStorage.clear()
  storage = createDexieStorage(`questionnaire-test-${++dbCount}`)
  const offline = async () => {
    throw new TypeError('offline')
  }
  provideServices({
    storage,
    api: createApi(createHttp({ fetch: offline, locale: () => 'vi' })),
    now: () => new Date('2025-05-01T01:00:00Z'),
  })
  signIn()
  const survey = testSurvey()
  await storage.saveSurveys(
    [{ id: survey.id, version: 1, year: 2025, unitKind: 'district', title: survey.title }],
    [survey],
  )
})

async function begin(): Promise<string> {
  const survey = testSurvey()
  return useDraftsStore().begin({ survey, unitId: 'huyen-b', groupId: 'citizen', locationId: null, channel: 'field' })
}

/** New stores with `username` signed in (the cached user of a reopened app). */
function signIn(username = 'surveyor') {
  setActivePinia(createPinia())
  useSessionStore().user = { username, role: 'surveyor', units: 'all' }
}

/** A fresh app on the same device: new stores, same IndexedDB. */
function reload(username = 'surveyor') {
  signIn(username)
  return useQuestionnaireStore()
}

describe('questionnaire store', () => {
  it('an answer is on the device as soon as the tap is handled', async () => {
    const id = await begin()
    const q = reload()
    await q.open(id)
    await q.answer('age', 'young')
    expect((await storage.draft(id))?.answers).toEqual({ age: 'young' })
  })

  it('a reload reopens the draft at the same question with its answers', async () => {
    const id = await begin()
    const first = reload()
    await first.open(id)
    await first.advance()
    await first.answer('q1', 'good')
    await first.advance()
    const again = reload()
    expect(await again.open(id)).toBe(true)
    expect(again.question?.id).toBe('q3')
    expect(again.position).toEqual({ current: 3, total: 4, review: false })
    expect(again.draft?.answers).toEqual({ q1: 'good' })
  })

  it('a required question left blank keeps the surveyor on it', async () => {
    const q = reload()
    await q.open(await begin())
    await q.goTo(1)
    await q.advance()
    expect(q.question?.id).toBe('q1')
    expect(q.blockedBy).toBe('q1')
    await q.answer('q1', 'dont-know')
    expect(q.blockedBy).toBeNull()
  })

  it('finishing queues the response under the draft id and removes the draft', async () => {
    const id = await begin()
    const q = reload()
    await q.open(id)
    await q.answer('q1', 'good')
    await q.answer('q3', 'poor')
    await q.answer('comment', '  ')
    await q.goTo(4)
    expect(await q.finish()).toBe(true)
    expect(await storage.draft(id)).toBeUndefined()
    const [entry] = await storage.outbox()
    expect(entry).toMatchObject({
      id,
      state: 'pending',
      response: { id, unitId: 'huyen-b', groupId: 'citizen', answers: { q1: 'good', q3: 'poor' } },
    })
    expect(entry?.response.deviceId).toBe(await storage.deviceId())
  })

  it('finishing with a required question blank jumps back to it', async () => {
    const id = await begin()
    const q = reload()
    await q.open(id)
    await q.answer('q1', 'good')
    await q.goTo(4)
    expect(await q.finish()).toBe(false)
    expect(q.question?.id).toBe('q3')
    expect(await storage.draft(id)).toBeDefined()
    expect(await storage.countPending()).toBe(0)
  })
})

describe('questionnaire store, interrupted writes', () => {
  it('an answer tapped just before a reload survives even if IndexedDB never got it', async () => {
    const id = await begin()
    const first = reload()
    await first.open(id)
    // The page unloads before the IndexedDB write commits: simulate by making that write fail.
    const saveDraft = storage.saveDraft
    storage.saveDraft = async () => {
      throw new Error('transaction aborted by unload')
    }
    await first.answer('age', 'old').catch(() => undefined)
    storage.saveDraft = saveDraft
    expect((await storage.draft(id))?.answers).toEqual({})
    const again = reload()
    await again.open(id)
    expect(again.draft?.answers).toEqual({ age: 'old' })
    expect((await storage.draft(id))?.answers).toEqual({ age: 'old' })
  })

  it.each([
    ['reloaded or closed', () => window.dispatchEvent(new Event('pagehide'))],
    [
      'hidden (Android may then kill it)',
      () => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
        document.dispatchEvent(new Event('visibilitychange'))
        delete (document as { visibilityState?: unknown }).visibilityState
      },
    ],
  ])('an answer whose write is still under way when the page is %s is there after the reload', async (_, leave) => {
    const id = await begin()
    const first = reload()
    await first.open(id)
    await first.answer('age', 'young')
    // This write never reaches IndexedDB: the page goes away first.
    const saveDraft = storage.saveDraft
    storage.saveDraft = () => new Promise<void>(() => undefined)
    void first.answer('q1', 'good')
    leave()
    storage.saveDraft = saveDraft
    expect((await storage.draft(id))?.answers).toEqual({ age: 'young' })
    const again = reload()
    await again.open(id)
    expect(again.draft?.answers).toEqual({ age: 'young', q1: 'good' })
    expect((await storage.draft(id))?.answers).toEqual({ age: 'young', q1: 'good' })
  })

  it('answers tapped faster than they are written are all kept, in order', async () => {
    const id = await begin()
    const q = reload()
    await q.open(id)
    await Promise.all([q.answer('age', 'young'), q.answer('q1', 'good'), q.answer('q1', 'poor'), q.goTo(2)])
    const stored = await storage.draft(id)
    expect(stored?.answers).toEqual({ age: 'young', q1: 'poor' })
    expect(stored?.cursor).toBe(2)
    const again = reload()
    await again.open(id)
    expect(again.draft?.answers).toEqual({ age: 'young', q1: 'poor' })
  })

  it('a finished questionnaire is not brought back by the journal', async () => {
    const id = await begin()
    const q = reload()
    await q.open(id)
    await q.answer('q1', 'good')
    await q.answer('q3', 'good')
    expect(await q.finish()).toBe(true)
    expect(await reload().open(id)).toBe(false)
    expect(localStorage.length).toBe(0)
  })
})

describe('questionnaire store, a tablet shared by two surveyors', () => {
  it('a draft is listed, opened and finished only by the user who started it, and never deleted', async () => {
    const id = await begin()
    signIn('other')
    const drafts = useDraftsStore()
    await drafts.load()
    expect(drafts.list).toEqual([])
    expect(await reload('other').open(id)).toBe(false)
    const mine = reload('surveyor')
    expect(await mine.open(id)).toBe(true)
    await mine.answer('q1', 'good')
    await mine.answer('q3', 'good')
    expect(await mine.finish()).toBe(true)
    expect(await storage.countPending('other')).toBe(0)
    expect(await storage.countPending('surveyor')).toBe(1)
    expect((await storage.outbox())[0]?.owner).toBe('surveyor')
  })

  it('a paper serial already keyed in on this device for the survey is found, whatever its spacing or case', async () => {
    const survey = testSurvey()
    await useDraftsStore().begin({
      survey,
      unitId: 'huyen-b',
      groupId: 'citizen',
      locationId: null,
      channel: 'paper',
      paperSerial: 'ab-0012',
    })
    signIn('other')
    const drafts = useDraftsStore()
    expect(await drafts.serialSeen('demo-2025', ' AB 0012 ')).toBe(true)
    expect(await drafts.serialSeen('demo-2025', 'AB-0013')).toBe(false)
    expect(await drafts.serialSeen('another-survey', 'AB-0012')).toBe(false)
  })
})
