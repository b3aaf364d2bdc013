/**
 * A thin promise layer over IndexedDB: opening the database with its schema, and transactions
 * whose promise settles only once the browser has committed (or aborted) them. The field app
 * opens with this, so it is kept small: a library would be most of the app's start-up code.
 */

/** One object store: its key path (an array: a compound key), auto-increment, and indexes. */
export type StoreSchema = { keyPath: string | string[]; autoIncrement?: boolean; indexes?: Record<string, string | string[]> }

/** The result of a request, or its error. */
export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new DOMException('IndexedDB request failed', 'UnknownError'))
  })
}

/** Creates whatever stores and indexes of `schema` the database lacks (never drops any). */
function upgrade(db: IDBDatabase, tx: IDBTransaction, schema: Record<string, StoreSchema>): void {
  for (const [name, { keyPath, autoIncrement = false, indexes = {} }] of Object.entries(schema)) {
    const store = db.objectStoreNames.contains(name) ? tx.objectStore(name) : db.createObjectStore(name, { keyPath, autoIncrement })
    for (const [index, path] of Object.entries(indexes)) {
      if (!store.indexNames.contains(index)) store.createIndex(index, path)
    }
  }
}

/**
 * Opens `name` at `version`, creating missing stores. A database left at a higher version by a
 * newer release opens as it is. Another tab holding an older version open makes the open wait
 * (the caller's time limit reports it); a version change asked by another tab closes this
 * connection, and the next call of the returned function opens a new one.
 */
export function connection(name: string, version: number, schema: Record<string, StoreSchema>): { db: () => Promise<IDBDatabase>; close: () => void } {
  let opening: Promise<IDBDatabase> | undefined
  const open = (withVersion: boolean) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = withVersion ? indexedDB.open(name, version) : indexedDB.open(name)
      req.onupgradeneeded = () => upgrade(req.result, req.transaction!, schema)
      req.onsuccess = () => {
        const db = req.result
        db.onversionchange = () => {
          db.close()
          opening = undefined
        }
        resolve(db)
      }
      req.onerror = () => reject(req.error ?? new DOMException(`cannot open ${name}`, 'UnknownError'))
    })
  return {
    db() {
      opening ??= open(true).catch((error: unknown) => (error instanceof DOMException && error.name === 'VersionError' ? open(false) : Promise.reject(error)))
      opening.catch(() => (opening = undefined))
      return opening
    },
    close() {
      void opening?.then((db) => db.close(), () => undefined)
      opening = undefined
    },
  }
}

/**
 * Runs `body` in one transaction over `stores`. A read-write transaction resolves once it is
 * committed, so a saved answer is on disk when the promise resolves; any error (a failed request,
 * a full quota, an exception in `body`) aborts it whole and rejects. `body` must only await
 * requests of this transaction, or the browser commits it early.
 */
export async function transaction<T>(db: IDBDatabase, stores: string[], mode: IDBTransactionMode, body: (tx: IDBTransaction) => Promise<T>): Promise<T> {
  const tx = db.transaction(stores, mode)
  const settled = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError'))
  })
  settled.catch(() => undefined)
  let result: T
  try {
    result = await body(tx)
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // Already finished or aborted by the failed request itself.
    }
    throw error
  }
  if (mode !== 'readonly') await settled
  return result
}
