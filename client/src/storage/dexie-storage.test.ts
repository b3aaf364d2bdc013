import { Dexie } from 'dexie'
import { describe, expect, it } from 'vitest'
import { makeVerifier } from '../session/password-verifier.ts'
import { testDraft, testResponse, testSurvey } from '../test/fixtures.ts'
import { createDexieStorage } from './dexie-storage.ts'
import type { OutboxEntry } from './storage.ts'

let dbCount = 0

/** The database exactly as the earlier Dexie releases declared it (schema versions 1 and 2). */
function dexieRelease(name: string, upTo: 1 | 2) {
  const db = new Dexie(name)
  db.version(1).stores({
    meta: 'key',
    surveys: '[id+version]',
    drafts: 'id, updatedAt',
    outbox: 'id, state, [state+queuedAt]',
    receipts: '++seq, id',
  })
  if (upTo === 2) {
    db.version(2).stores({
      drafts: 'id, updatedAt, owner',
      outbox: 'id, state, [state+queuedAt], owner',
      respondentDrafts: 'code',
    })
  }
  return db
}

/**
 * The database exactly as the builds that wrote IndexedDB without Dexie laid it out: version 20,
 * the same stores, key paths and indexes, created with the bare IndexedDB API.
 */
function bareRelease(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 20)
    req.onupgradeneeded = () => {
      const db = req.result
      db.createObjectStore('meta', { keyPath: 'key' })
      db.createObjectStore('surveys', { keyPath: ['id', 'version'] })
      const drafts = db.createObjectStore('drafts', { keyPath: 'id' })
      drafts.createIndex('updatedAt', 'updatedAt')
      drafts.createIndex('owner', 'owner')
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' })
      outbox.createIndex('state', 'state')
      outbox.createIndex('[state+queuedAt]', ['state', 'queuedAt'])
      outbox.createIndex('owner', 'owner')
      db.createObjectStore('receipts', { keyPath: 'seq', autoIncrement: true }).createIndex('id', 'id')
      db.createObjectStore('respondentDrafts', { keyPath: 'code' })
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('cannot open'))
  })
}

function put(db: IDBDatabase, store: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite')
    tx.objectStore(store).put(value)
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error ?? new Error('cannot write'))
  })
}

const entry = (queuedAt: string, owner?: string): OutboxEntry => {
  const response = testResponse()
  return { id: response.id, response, state: 'pending', queuedAt, attempts: 0, ...(owner ? { owner } : {}) }
}

describe('Dexie storage', () => {
  it('opens a device database written by the earlier Dexie releases with everything in it, and keeps writing to it', async () => {
    const name = `dexie-compat-${++dbCount}`
    const old = dexieRelease(name, 2)
    const survey = testSurvey()
    const draft = testDraft({ owner: 'surveyor' })
    const queued = entry('2025-05-01T08:00:00.000+07:00', 'surveyor')
    await old.table('meta').bulkPut([
      { key: 'deviceId', value: 'device-1' },
      { key: 'user', value: { username: 'surveyor', role: 'surveyor', units: 'all' } },
    ])
    await old.table('surveys').put({ id: survey.id, version: survey.version, definition: survey })
    await old.table('drafts').put(draft)
    await old.table('outbox').put(queued)
    await old.table('receipts').add({ id: queued.id, status: 'stored', hash: 'h1', receivedAt: '2025-05-01T09:00:00Z' })
    old.close()

    const storage = createDexieStorage(name)
    expect(await storage.deviceId()).toBe('device-1')
    expect(await storage.cachedUser()).toEqual({ username: 'surveyor', role: 'surveyor', units: 'all' })
    expect(await storage.survey(survey.id, survey.version)).toEqual(survey)
    expect(await storage.drafts('surveyor')).toEqual([draft])
    expect((await storage.pending(10, 'surveyor')).map((e) => e.id)).toEqual([queued.id])
    await storage.recordSync(
      [{ id: queued.id, status: 'stored', hash: 'h1', receivedAt: '2025-05-01T09:01:00Z' }],
      [{ id: queued.id, state: 'sent' }],
    )
    expect((await storage.receipts(queued.id)).map((r) => r.seq)).toEqual([1, 2])
    // The user who was signed in before the upgrade is kept; offline log-in starts once they log in.
    expect(await storage.deviceUsers()).toEqual([])
    const known = [
      {
        user: { username: 'surveyor', role: 'surveyor' as const, units: 'all' as const },
        verifier: await makeVerifier('pw', 1000),
        confirmedAt: '2025-05-01T09:00:00Z',
      },
    ]
    await storage.saveDeviceUsers(known)
    storage.close()

    // And the other way round: an earlier release opened afterwards still reads it.
    const again = dexieRelease(name, 2)
    expect(await again.table('outbox').get(queued.id)).toMatchObject({ state: 'sent' })
    expect(await again.table('meta').get('user')).toMatchObject({ value: { username: 'surveyor' } })
    again.close()
    const upgradedAgain = createDexieStorage(name)
    expect(await upgradedAgain.deviceUsers()).toEqual(known)
    upgradedAgain.close()
  })

  it('opens a device database written by the builds without Dexie, and keeps writing to it', async () => {
    const name = `dexie-bare-${++dbCount}`
    const old = await bareRelease(name)
    const survey = testSurvey()
    const draft = testDraft({ owner: 'surveyor' })
    const queued = entry('2025-05-01T08:00:00.000+07:00', 'surveyor')
    await put(old, 'meta', { key: 'deviceId', value: 'device-2' })
    await put(old, 'surveys', { id: survey.id, version: survey.version, definition: survey })
    await put(old, 'drafts', draft)
    await put(old, 'outbox', queued)
    await put(old, 'receipts', { id: queued.id, status: 'stored', hash: 'h1', receivedAt: '2025-05-01T09:00:00Z' })
    old.close()

    const storage = createDexieStorage(name)
    expect(await storage.deviceId()).toBe('device-2')
    expect(await storage.survey(survey.id, survey.version)).toEqual(survey)
    expect(await storage.drafts('surveyor')).toEqual([draft])
    expect((await storage.pending(10, 'surveyor')).map((e) => e.id)).toEqual([queued.id])
    expect(await storage.countPending('surveyor')).toBe(1)
    await storage.recordSync(
      [{ id: queued.id, status: 'stored', hash: 'h1', receivedAt: '2025-05-01T09:01:00Z' }],
      [{ id: queued.id, state: 'sent' }],
    )
    expect((await storage.receipts(queued.id)).map((r) => r.seq)).toEqual([1, 2])
    await storage.saveRespondentDraft({
      code: 'ABCD-EFGH',
      id: 'r1',
      grant: { survey, unitId: 'u', groupId: 'citizen', locationId: null, expiresAt: null },
      answers: {},
      cursor: 0,
      startedAt: 'x',
      updatedAt: 'x',
    })
    expect((await storage.respondentDraft('ABCD-EFGH'))?.id).toBe('r1')
    await storage.saveDeviceUsers([
      {
        user: { username: 'surveyor', role: 'surveyor', units: 'all' },
        verifier: await makeVerifier('pw', 1000),
        confirmedAt: 'x',
      },
    ])
    expect((await storage.deviceUsers()).map((u) => u.user.username)).toEqual(['surveyor'])
    storage.close()
  })

  it('adds the owner indexes and the respondent store to a database of schema version 1', async () => {
    const name = `dexie-v1-${++dbCount}`
    const old = dexieRelease(name, 1)
    const ownerless = entry('2025-05-01T08:00:00.000+07:00')
    await old.table('outbox').put(ownerless)
    old.close()

    const storage = createDexieStorage(name)
    await storage.enqueue(entry('2025-05-01T08:01:00.000+07:00', 'other'))
    // An old entry without an owner is anyone's; another user's is not.
    expect((await storage.pending(10, 'surveyor')).map((e) => e.id)).toEqual([ownerless.id])
    expect(await storage.countPending('surveyor')).toBe(1)
    expect(await storage.countPending()).toBe(2)
    await storage.saveRespondentDraft({
      code: 'ABCD-EFGH',
      id: 'r1',
      grant: { survey: testSurvey(), unitId: 'u', groupId: 'citizen', locationId: null, expiresAt: null },
      answers: {},
      cursor: 0,
      startedAt: 'x',
      updatedAt: 'x',
    })
    expect((await storage.respondentDraft('ABCD-EFGH'))?.id).toBe('r1')
    storage.close()
  })

  it('a moved entry loses the reason of its previous state', async () => {
    const storage = createDexieStorage(`dexie-reason-${++dbCount}`)
    const queued = entry('2025-05-01T08:00:00.000+07:00')
    await storage.enqueue(queued)
    await storage.recordFailure([queued.id], { code: 'network', message: 'offline' })
    await storage.recordSync([], [{ id: queued.id, state: 'sent' }])
    const stored = await storage.outboxEntry(queued.id)
    expect(stored).toMatchObject({ state: 'sent', attempts: 1 })
    expect(stored).not.toHaveProperty('reason')
    storage.close()
  })

  it('reads a survey version from the database once, and gives every caller a copy of its own', async () => {
    const storage = createDexieStorage(`dexie-definitions-${++dbCount}`)
    const survey = testSurvey()
    expect(await storage.survey(survey.id, survey.version)).toBeUndefined()
    await storage.addSurveys([survey])
    const first = await storage.survey(survey.id, survey.version)
    first!.questions.length = 0
    expect(await storage.survey(survey.id, survey.version)).toEqual(survey)
    storage.close()
  })

  it('keeps the device id it was given, whether or not one was already stored', async () => {
    const name = `dexie-device-${++dbCount}`
    const fresh = createDexieStorage(name)
    const [a, b] = await Promise.all([fresh.deviceId(), fresh.deviceId()])
    expect(a).toBe(b)
    fresh.close()
    const reopened = createDexieStorage(name)
    expect(await reopened.deviceId()).toBe(a)
    reopened.close()
  })
})
