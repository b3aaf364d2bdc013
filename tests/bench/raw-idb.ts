import type { Page } from 'playwright-core'

/**
 * The ceiling of the app's draft save, in `page`: `count` drafts of the same shape (`answers`
 * answers) written with the bare IndexedDB API, one readwrite transaction each (`commit()` asked
 * for at once when `commit`), awaited one at a time and timed from the call to `complete`, with
 * `pauseMs` between writes (as between taps). Durations in ms.
 */
export function rawDraftWrites(
  page: Page,
  count: number,
  options: { answers: number; commit: boolean; pauseMs: number },
): Promise<number[]> {
  return page.evaluate(
    async ({ count, answers: size, commit, pauseMs }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('bench-raw', 1)
        open.onupgradeneeded = () => open.result.createObjectStore('drafts', { keyPath: 'id' })
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const answers = Object.fromEntries(Array.from({ length: size }, (_, i) => [`c${i}`, 'tot']))
      const times: number[] = []
      for (let i = 0; i < count; i++) {
        const start = performance.now()
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('drafts', 'readwrite')
          tx.objectStore('drafts').put({ id: 'draft', answers: { ...answers, c0: i % 2 ? 'tot' : 'rat-tot' }, cursor: 0, updatedAt: new Date().toISOString() })
          if (commit) tx.commit()
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
        })
        times.push(performance.now() - start)
        if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs))
      }
      db.close()
      return times
    },
    { count, ...options },
  )
}
