import type { Response, Survey } from '@parsurvey/shared'
import type { SurveySummary, User } from '../api/endpoints.ts'
import { connection, request, transaction, type StoreSchema } from './idb.ts'
import { plain } from './plain.ts'
import { visibleTo, type Draft, type OutboxEntry, type OutboxUpdate, type Receipt, type RespondentDraft, type Storage } from './storage.ts'

type MetaRow = { key: string; value: unknown }
type SurveyRow = { id: string; version: number; definition: Survey }

/**
 * The database as the app has always laid it out (it was written through Dexie up to release
 * 2025-11, whose schema version 2 is IndexedDB version 20): devices keep their data across the
 * change. Stores and indexes only ever get added.
 */
export const DB_VERSION = 20
export const DB_SCHEMA: Record<string, StoreSchema> = {
  meta: { keyPath: 'key' },
  surveys: { keyPath: ['id', 'version'] },
  drafts: { keyPath: 'id', indexes: { updatedAt: 'updatedAt', owner: 'owner' } },
  outbox: { keyPath: 'id', indexes: { state: 'state', '[state+queuedAt]': ['state', 'queuedAt'], owner: 'owner' } },
  receipts: { keyPath: 'seq', autoIncrement: true, indexes: { id: 'id' } },
  respondentDrafts: { keyPath: 'code' },
}

const byQueuedAt = (a: OutboxEntry, b: OutboxEntry) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0)

/** The browser's storage: IndexedDB. */
export function createIdbStorage(name = 'parsurvey'): Storage & { close(): void } {
  const conn = connection(name, DB_VERSION, DB_SCHEMA)
  const run = async <T>(stores: string[], mode: IDBTransactionMode, body: (tx: IDBTransaction) => Promise<T>) =>
    transaction(await conn.db(), stores, mode, body)
  const read = <T>(store: string, key: IDBValidKey) =>
    run([store], 'readonly', (tx) => request(tx.objectStore(store).get(key) as IDBRequest<T | undefined>))
  const put = (store: string, value: unknown) =>
    run([store], 'readwrite', async (tx) => {
      await request(tx.objectStore(store).put(plain(value)))
    })
  const getMeta = async <T>(key: string) => (await read<MetaRow>('meta', key))?.value as T | undefined
  const setMeta = (key: string, value: unknown) => put('meta', { key, value })
  /**
   * A published survey version never changes, and start-up reads the same definitions twice (the
   * session's offline validity, then the questionnaire): each is read from the database once.
   */
  const definitionCache = new Map<string, Promise<Survey | undefined>>()
  const definitionKey = (id: string, version: number) => JSON.stringify([id, version])
  const putSurveys = async (tx: IDBTransaction, list: Survey[]) => {
    await Promise.all(list.map((d) => request(tx.objectStore('surveys').put(plain({ id: d.id, version: d.version, definition: d })))))
    for (const d of list) definitionCache.delete(definitionKey(d.id, d.version))
  }

  return {
    close: () => conn.close(),

    // Read first: only a device without an id needs a write transaction (and its wait).
    deviceId: async () =>
      (await getMeta<string>('deviceId')) ??
      run(['meta'], 'readwrite', async (tx) => {
        const existing = (await request(tx.objectStore('meta').get('deviceId') as IDBRequest<MetaRow | undefined>))?.value
        if (typeof existing === 'string') return existing
        const id = crypto.randomUUID()
        await request(tx.objectStore('meta').put({ key: 'deviceId', value: id }))
        return id
      }),

    cachedUser: () => getMeta<User>('user'),
    cacheUser: (user) =>
      user ? setMeta('user', user) : run(['meta'], 'readwrite', async (tx) => void (await request(tx.objectStore('meta').delete('user')))),

    saveSurveys: (list: SurveySummary[], definitions: Survey[]) =>
      run(['meta', 'surveys'], 'readwrite', async (tx) => {
        await Promise.all([request(tx.objectStore('meta').put(plain({ key: 'surveyList', value: list }))), putSurveys(tx, definitions)])
      }),
    surveys: async () => (await getMeta<SurveySummary[]>('surveyList')) ?? [],
    survey(id, version) {
      const key = definitionKey(id, version)
      let found = definitionCache.get(key)
      if (!found) {
        found = read<SurveyRow>('surveys', [id, version]).then((row) => row?.definition)
        definitionCache.set(key, found)
        // Not there (yet) or not readable: the next call asks the database again.
        found.then((d) => d ?? definitionCache.delete(key), () => definitionCache.delete(key))
      }
      // Each caller gets its own copy, as from the database.
      return found.then((d) => d && structuredClone(d))
    },
    addSurveys: (definitions) => run(['surveys'], 'readwrite', async (tx) => void (await putSurveys(tx, definitions))),

    saveDraft: (draft) => put('drafts', draft),
    draft: (id) => read<Draft>('drafts', id),
    drafts: (owner) =>
      run(['drafts'], 'readonly', async (tx) =>
        (await request(tx.objectStore('drafts').index('updatedAt').getAll() as IDBRequest<Draft[]>)).reverse().filter(visibleTo(owner)),
      ),
    deleteDraft: (id) => run(['drafts'], 'readwrite', async (tx) => void (await request(tx.objectStore('drafts').delete(id)))),
    finishDraft: (response: Response, queuedAt: string, owner?: string) =>
      run(['drafts', 'outbox'], 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox')
        // A second tap on "Finish" must not replace what is already queued (or sent).
        if (!(await request(outbox.get(response.id)))) {
          const entry: OutboxEntry = { id: response.id, response, state: 'pending', queuedAt, attempts: 0, ...(owner ? { owner } : {}) }
          await request(outbox.add(plain(entry)))
        }
        await request(tx.objectStore('drafts').delete(response.id))
      }),

    outbox: (owner) =>
      run(['outbox'], 'readonly', async (tx) =>
        (await request(tx.objectStore('outbox').getAll() as IDBRequest<OutboxEntry[]>)).filter(visibleTo(owner)).sort(byQueuedAt),
      ),
    outboxEntry: (id) => read<OutboxEntry>('outbox', id),
    enqueue: (entry) =>
      run(['outbox'], 'readwrite', async (tx) => {
        if (await request(tx.objectStore('outbox').get(entry.id))) return false
        await request(tx.objectStore('outbox').add(plain(entry)))
        return true
      }),
    pending: (limit, owner) =>
      run(['outbox'], 'readonly', async (tx) => {
        // Every pending entry in queue order: ['pending'] sorts before any ['pending', queuedAt], [] after any string.
        const range = IDBKeyRange.bound(['pending'], ['pending', []])
        const cursor = tx.objectStore('outbox').index('[state+queuedAt]').openCursor(range)
        const found: OutboxEntry[] = []
        const visible = visibleTo(owner)
        await new Promise<void>((resolve, reject) => {
          cursor.onerror = () => reject(cursor.error ?? new DOMException('cursor failed', 'UnknownError'))
          cursor.onsuccess = () => {
            const at = cursor.result
            if (!at || found.length >= limit) return resolve()
            const entry = at.value as OutboxEntry
            if (visible(entry)) found.push(entry)
            if (found.length >= limit) return resolve()
            at.continue()
          }
        })
        return found
      }),
    countPending: (owner) =>
      run(['outbox'], 'readonly', async (tx) => {
        const index = tx.objectStore('outbox').index('state')
        if (owner === undefined) return request(index.count('pending'))
        return (await request(index.getAll('pending') as IDBRequest<OutboxEntry[]>)).filter(visibleTo(owner)).length
      }),

    recordSync: (receipts: Receipt[], updates: OutboxUpdate[]) =>
      run(['outbox', 'receipts'], 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox')
        await Promise.all(receipts.map((r) => request(tx.objectStore('receipts').add(plain(r)))))
        for (const { id, state, reason } of updates) {
          const entry = (await request(outbox.get(id))) as OutboxEntry | undefined
          if (!entry) continue
          const { reason: _previous, ...rest } = entry
          await request(outbox.put({ ...rest, state, ...(reason ? { reason: plain(reason) } : {}) }))
        }
      }),
    recordFailure: (ids, reason) =>
      run(['outbox'], 'readwrite', async (tx) => {
        const outbox = tx.objectStore('outbox')
        for (const id of ids) {
          const entry = (await request(outbox.get(id))) as OutboxEntry | undefined
          if (entry) await request(outbox.put({ ...entry, attempts: entry.attempts + 1, reason: plain(reason) }))
        }
      }),
    receipts: (id) =>
      run(['receipts'], 'readonly', async (tx) =>
        (await request(tx.objectStore('receipts').index('id').getAll(id) as IDBRequest<Receipt[]>)).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)),
      ),

    lastSyncAt: () => getMeta<string>('lastSyncAt'),
    setLastSyncAt: (at) => setMeta('lastSyncAt', at),

    setting: <T>(key: string) => getMeta<T>(`setting.${key}`),
    saveSetting: (key, value) => setMeta(`setting.${key}`, value),

    respondentDraft: (code) => read<RespondentDraft>('respondentDrafts', code),
    saveRespondentDraft: (draft: RespondentDraft) => put('respondentDrafts', draft),
  }
}
