import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApi } from '../api/endpoints.ts'
import { createHttp } from '../api/http.ts'
import StorageProblem from '../components/app/StorageProblem.vue'
import { i18n, setLocale } from '../i18n/index.ts'
import { provideServices } from '../services.ts'
import { useDraftsStore } from '../stores/drafts.ts'
import { useQuestionnaireStore } from '../stores/questionnaire.ts'
import { useSessionStore } from '../stores/session.ts'
import { testSurvey } from '../test/fixtures.ts'
import { createDexieStorage } from './dexie-storage.ts'
import { checkStorage, storageProblemOf } from './storage-check.ts'
import type { DeviceStore } from './storage.ts'

/**
 * The browser refuses to store: quota exceeded on a write, IndexedDB blocked or missing. The real
 * Dexie storage on fake-indexeddb, with the failure forced at the IndexedDB API. Answers already
 * saved must never be lost, and the person must be told.
 */
let dbCount = 0
let storage: DeviceStore & { close(): void }
/** Object stores whose writes fail with QuotaExceededError while listed. */
const full = new Set<string>()

const realPut = IDBObjectStore.prototype.put
const realAdd = IDBObjectStore.prototype.add
beforeEach(async () => {
  localStorage.clear()
  full.clear()
  for (const [name, real] of [
    ['put', realPut],
    ['add', realAdd],
  ] as const) {
    vi.spyOn(IDBObjectStore.prototype, name).mockImplementation(function (
      this: IDBObjectStore,
      ...args: [unknown, IDBValidKey?]
    ) {
      if (full.has(this.name)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      return real.apply(this, args)
    })
  }
  storage = createDexieStorage(`storage-faults-${++dbCount}`)
  const offline = async () => {
    throw new TypeError('offline')
  }
  provideServices({
    storage,
    api: createApi(createHttp({ fetch: offline, locale: () => 'vi' })),
    now: () => new Date('2025-05-01T01:00:00Z'),
  })
  setActivePinia(createPinia())
  useSessionStore().user = { username: 'surveyor', role: 'surveyor', units: 'all' }
  const survey = testSurvey()
  await storage.saveSurveys(
    [{ id: survey.id, version: 1, year: 2025, unitKind: 'district', title: survey.title }],
    [survey],
  )
})
afterEach(() => {
  vi.restoreAllMocks()
  storage.close()
})

async function openDraft() {
  const id = await useDraftsStore().begin({
    survey: testSurvey(),
    unitId: 'huyen-b',
    groupId: 'citizen',
    locationId: null,
    channel: 'field',
  })
  const q = useQuestionnaireStore()
  await q.open(id)
  return { id, q }
}

describe('the browser storage is full', () => {
  it('an answer that cannot be saved is reported, the answers saved before stay, and it is saved with the next write once space is back', async () => {
    const { id, q } = await openDraft()
    await q.answer('age', 'young')
    full.add('drafts')
    await expect(q.answer('q1', 'good')).rejects.toThrow()
    expect(q.saveFailed).toBe(true)
    expect((await storage.draft(id))?.answers).toEqual({ age: 'young' })
    // The synchronous journal still holds the newest answer for a reload.
    expect(JSON.parse(localStorage.getItem(`parsurvey.draft-journal.${id}`) ?? '{}').answers).toEqual({
      age: 'young',
      q1: 'good',
    })
    full.delete('drafts')
    await q.answer('q3', 'fair')
    expect(q.saveFailed).toBe(false)
    expect((await storage.draft(id))?.answers).toEqual({ age: 'young', q1: 'good', q3: 'fair' })
  })

  it('finishing while full keeps the draft whole, queues nothing, says so, and works once space is back', async () => {
    const { id, q } = await openDraft()
    for (const [question, value] of [
      ['q1', 'good'],
      ['q3', 'poor'],
    ] as const)
      await q.answer(question, value)
    full.add('outbox')
    await expect(q.finish()).rejects.toThrow()
    expect(q.saveFailed).toBe(true)
    expect((await storage.draft(id))?.answers).toMatchObject({ q1: 'good', q3: 'poor' })
    expect(await storage.outbox()).toEqual([])
    full.delete('outbox')
    expect(await q.finish()).toBe(true)
    expect(q.saveFailed).toBe(false)
    expect((await storage.outbox()).map((e) => e.id)).toEqual([id])
    expect(await storage.draft(id)).toBeUndefined()
  })

  it('a sync whose receipts cannot be written leaves the entries pending, never lost', async () => {
    const { id, q } = await openDraft()
    for (const [question, value] of [
      ['q1', 'good'],
      ['q3', 'poor'],
    ] as const)
      await q.answer(question, value)
    await q.finish()
    full.add('receipts')
    await expect(
      storage.recordSync(
        [{ id, status: 'stored', hash: 'h', receivedAt: '2025-05-01T01:00:00Z' }],
        [{ id, state: 'sent' }],
      ),
    ).rejects.toThrow()
    expect((await storage.outbox()).map((e) => [e.id, e.state])).toEqual([[id, 'pending']])
  })

  it('is recognised at start-up as a full quota', async () => {
    full.add('meta')
    expect(await checkStorage(storage)).toBe('quota')
  })
})

describe('IndexedDB cannot be opened', () => {
  it('is reported as unavailable when opening throws (no IndexedDB, private mode), and as blocked when it never opens', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException(
        'A mutation operation was attempted on a database that did not allow mutations.',
        'InvalidStateError',
      )
    })
    const broken = createDexieStorage(`storage-faults-broken-${dbCount}`)
    expect(await checkStorage(broken)).toBe('unavailable')
    vi.restoreAllMocks()

    // An older connection that ignores versionchange keeps a newer version from opening.
    const name = `storage-faults-blocked-${dbCount}`
    const old = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name, 1)
      request.onsuccess = () => resolve(request.result)
    })
    old.onversionchange = () => undefined
    const blocked = createDexieStorage(name)
    expect(await checkStorage(blocked, 300)).toBe('blocked')
    old.close()
    blocked.close()
  })

  it('names the quota even when Dexie wraps the DOMException', () => {
    expect(storageProblemOf({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe('quota')
    expect(storageProblemOf(new Error('x'))).toBe('unavailable')
  })

  it('shows a clear message in the person’s language, saying saved answers are kept', async () => {
    for (const [locale, words] of [
      ['vi', /đóng các thẻ parsurvey khác[\s\S]*vẫn còn nguyên/],
      ['en', /Close the other parsurvey tabs[\s\S]*still on this device/],
    ] as const) {
      await setLocale(locale)
      const page = mount(StorageProblem, { props: { problem: 'blocked' }, global: { plugins: [i18n] } })
      expect(page.get('[data-testid="storage-problem"]').text()).toMatch(words)
      page.unmount()
    }
  })
})
