import type { Draft } from './storage.ts'

const PREFIX = 'parsurvey.draft-journal.'

/**
 * A synchronous write-ahead copy of the draft on screen. IndexedDB writes take a few
 * milliseconds and are aborted when the page unloads, so a reload (or a killed tab) right after
 * a tap could lose the last answer; localStorage is written before the tap handler returns.
 * The entry is dropped once IndexedDB holds the same snapshot.
 */
export type DraftJournal = {
  write(draft: Draft): void
  read(id: string): Draft | undefined
  /** Forgets `id`, but only if nothing newer than `snapshot` was written meanwhile. */
  settle(snapshot: Draft): void
  clear(id: string): void
}

export function createDraftJournal(store: globalThis.Storage | undefined = globalThis.localStorage): DraftJournal {
  const attempt = <T>(action: () => T): T | undefined => {
    try {
      return action()
    } catch {
      // Private mode or a full quota: the IndexedDB write still happens, only the safety net is missing.
      return undefined
    }
  }
  return {
    write: (draft) => attempt(() => store?.setItem(PREFIX + draft.id, JSON.stringify(draft))),
    read: (id) => attempt(() => {
      const text = store?.getItem(PREFIX + id)
      return text ? (JSON.parse(text) as Draft) : undefined
    }),
    settle: (snapshot) => attempt(() => {
      if (store?.getItem(PREFIX + snapshot.id) === JSON.stringify(snapshot)) store.removeItem(PREFIX + snapshot.id)
    }),
    clear: (id) => attempt(() => store?.removeItem(PREFIX + id)),
  }
}
