import { Dexie, type EntityTable, type Table } from 'dexie'
import type { Response, Survey } from '@parsurvey/shared'
import type { SurveySummary, User } from '../api/endpoints.ts'
import type { DeviceUser } from '../session/device-users.ts'
import type { SittingRecord } from '../sitting/record.ts'
import { plain } from './plain.ts'
import {
  visibleTo,
  type Draft,
  type OutboxEntry,
  type OutboxUpdate,
  type Receipt,
  type RespondentDraft,
  type DeviceStore,
} from './storage.ts'

type MetaRow = { key: string; value: unknown }
type SurveyRow = { id: string; version: number; definition: Survey }

class ParsurveyDb extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>
  surveys!: Table<SurveyRow, [string, number]>
  drafts!: EntityTable<Draft, 'id'>
  outbox!: EntityTable<OutboxEntry, 'id'>
  receipts!: EntityTable<Receipt, 'seq'>
  respondentDrafts!: EntityTable<RespondentDraft, 'code'>
  sittings!: EntityTable<SittingRecord, 'code'>

  constructor(name: string) {
    super(name)
    // Versions only ever get added: a device may open this code with a database from any release.
    // Dexie's schema version 2 is IndexedDB version 20, the layout every release has written
    // (including those that wrote it without Dexie).
    this.version(1).stores({
      meta: 'key',
      surveys: '[id+version]',
      drafts: 'id, updatedAt',
      outbox: 'id, state, [state+queuedAt]',
      receipts: '++seq, id',
    })
    // 2: drafts and outbox entries belong to a user; online respondents' drafts by access code.
    this.version(2).stores({
      drafts: 'id, updatedAt, owner',
      outbox: 'id, state, [state+queuedAt], owner',
      respondentDrafts: 'code',
    })
    // 3: a personal code's sitting (several units), by code.
    this.version(3).stores({ sittings: 'code' })
  }
}

/** The browser's storage: IndexedDB through Dexie. */
export function createDexieStorage(name = 'parsurvey'): DeviceStore & { close(): void } {
  const db = new ParsurveyDb(name)
  const getMeta = async <T>(key: string) => (await db.meta.get(key))?.value as T | undefined
  const setMeta = async (key: string, value: unknown) => {
    await db.meta.put({ key, value: plain(value) })
  }
  /**
   * A published survey version never changes, and start-up reads the same definitions twice (the
   * session's offline validity, then the questionnaire): each is read from the database once.
   */
  const definitionCache = new Map<string, Promise<Survey | undefined>>()
  const definitionKey = (id: string, version: number) => JSON.stringify([id, version])
  /** A draft write going through Dexie while the bare handle is closed (see saveDraft). */
  let reopening: Promise<void> | null = null
  const putSurveys = async (definitions: Survey[]) => {
    await db.surveys.bulkPut(definitions.map((d) => plain({ id: d.id, version: d.version, definition: d })))
    for (const d of definitions) definitionCache.delete(definitionKey(d.id, d.version))
  }

  return {
    close: () => db.close(),

    // Read first: only a device without an id needs a write transaction (and its wait).
    async deviceId() {
      const known = await getMeta<string>('deviceId')
      if (known) return known
      return db.transaction('rw', db.meta, async () => {
        const existing = await getMeta<string>('deviceId')
        if (existing) return existing
        const id = crypto.randomUUID()
        await setMeta('deviceId', id)
        return id
      })
    },

    cachedUser: () => getMeta<User>('user'),
    async cacheUser(user) {
      if (user) await setMeta('user', user)
      else await db.meta.delete('user')
    },

    // In the key-value store every release has had: no schema change, older releases ignore it.
    deviceUsers: async () => (await getMeta<DeviceUser[]>('deviceUsers')) ?? [],
    saveDeviceUsers: (users) => setMeta('deviceUsers', users),

    async saveSurveys(list: SurveySummary[], definitions: Survey[]) {
      await db.transaction('rw', db.meta, db.surveys, async () => {
        await setMeta('surveyList', list)
        await putSurveys(definitions)
      })
    },
    surveys: async () => (await getMeta<SurveySummary[]>('surveyList')) ?? [],
    survey(id, version) {
      const key = definitionKey(id, version)
      let found = definitionCache.get(key)
      if (!found) {
        found = db.surveys.get([id, version]).then((row) => row?.definition)
        definitionCache.set(key, found)
        // Not there (yet) or not readable: the next call asks the database again.
        found.then(
          (d) => d ?? definitionCache.delete(key),
          () => definitionCache.delete(key),
        )
      }
      // Each caller gets its own copy, as from the database.
      return found.then((d) => d && structuredClone(d))
    },
    addSurveys: putSurveys,

    // Once per tap: the bare IndexedDB handle, not Dexie's put (see putDraft). IndexedDB runs
    // readwrite transactions on one store in the order they were made, which keeps writes in order.
    saveDraft(draft) {
      const idb = !reopening && db.isOpen() ? db.backendDB() : null
      const put = idb ? putDraft(idb, draft) : null
      if (put) return put
      // Closed or closing (another tab upgrades the database): through Dexie, which opens it
      // again. Writes asked for meanwhile wait for this one, so that the order holds.
      const copy = plain(draft)
      const write = (reopening ?? Promise.resolve()).then(async () => {
        await db.drafts.put(copy)
      })
      const done = () => {
        if (reopening === after) reopening = null
      }
      const after: Promise<void> = write.then(done, done)
      reopening = after
      return write
    },
    draft: (id) => db.drafts.get(id),
    drafts: (owner) => db.drafts.orderBy('updatedAt').reverse().filter(visibleTo(owner)).toArray(),
    async deleteDraft(id) {
      await db.drafts.delete(id)
    },
    async finishDraft(response: Response, queuedAt: string, owner?: string) {
      await db.transaction('rw', db.drafts, db.outbox, async () => {
        // A second tap on "Finish" must not replace what is already queued (or sent).
        if (!(await db.outbox.get(response.id))) {
          const entry: OutboxEntry = {
            id: response.id,
            response,
            state: 'pending',
            queuedAt,
            attempts: 0,
            ...(owner ? { owner } : {}),
          }
          await db.outbox.add(plain(entry))
        }
        await db.drafts.delete(response.id)
      })
    },

    outbox: async (owner) => (await db.outbox.filter(visibleTo(owner)).toArray()).sort(byQueuedAt),
    outboxEntry: (id) => db.outbox.get(id),
    enqueue: (entry) =>
      db.transaction('rw', db.outbox, async () => {
        if (await db.outbox.get(entry.id)) return false
        await db.outbox.add(plain(entry))
        return true
      }),
    pending: (limit, owner) =>
      db.outbox
        .where('[state+queuedAt]')
        .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
        .filter(visibleTo(owner))
        .limit(limit)
        .toArray(),
    countPending: (owner) => db.outbox.where('state').equals('pending').filter(visibleTo(owner)).count(),

    async recordSync(receipts: Receipt[], updates: OutboxUpdate[]) {
      await db.transaction('rw', db.outbox, db.receipts, async () => {
        await db.receipts.bulkAdd(receipts.map((r) => plain(r)))
        for (const { id, state, reason } of updates) {
          await db.outbox.update(id, { state, reason: reason ? plain(reason) : undefined })
        }
      })
    },
    async recordFailure(ids, reason) {
      await db.transaction('rw', db.outbox, async () => {
        for (const id of ids) {
          await db.outbox
            .where('id')
            .equals(id)
            .modify((entry) => {
              entry.attempts += 1
              entry.reason = plain(reason)
            })
        }
      })
    },
    receipts: (id) => db.receipts.where('id').equals(id).sortBy('seq'),

    lastSyncAt: () => getMeta<string>('lastSyncAt'),
    setLastSyncAt: (at) => setMeta('lastSyncAt', at),

    setting: <T>(key: string) => getMeta<T>(`setting.${key}`),
    saveSetting: (key, value) => setMeta(`setting.${key}`, value),

    respondentDraft: (code) => db.respondentDrafts.get(code),
    async saveRespondentDraft(draft) {
      await db.respondentDrafts.put(plain(draft))
    },

    sitting: (code) => db.sittings.get(code),
    async saveSitting(record) {
      await db.sittings.put(plain(record))
    },
    async forgetSitting(code) {
      await db.sittings.delete(code)
    },
  }
}

const byQueuedAt = (a: OutboxEntry, b: OutboxEntry) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0)

/**
 * Writes a draft in one readwrite transaction of its own on the bare IndexedDB handle, committed
 * at once, and resolves on `complete`: the commit the page waits for. Dexie's `put` costs several
 * times the write itself per tap (its transaction and promise bookkeeping, its change broadcast
 * that nothing here listens to), and it asks for the commit only after the put's round trip.
 * The draft is cloned once, by IndexedDB, when this is called; a value it cannot clone (a Vue
 * proxy) is copied to plain JSON first. Null when the handle is closing (another tab is
 * upgrading the database).
 */
function putDraft(idb: IDBDatabase, draft: Draft): Promise<void> | null {
  let tx: IDBTransaction
  try {
    tx = idb.transaction('drafts', 'readwrite')
  } catch {
    return null
  }
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new DOMException('The draft was not written.', 'AbortError'))
    const drafts = tx.objectStore('drafts')
    try {
      try {
        drafts.put(draft)
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'DataCloneError')) throw error
        drafts.put(plain(draft))
      }
      // Asked for now, not after the put's round trip (Chrome before 76 has no commit(): it then
      // commits once the put is done).
      if ('commit' in tx) tx.commit()
    } catch (error) {
      reject(error)
      try {
        tx.abort()
      } catch {
        // Already finished: nothing was written either way.
      }
    }
  })
}
