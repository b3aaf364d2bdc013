import type { Draft, DeviceStore } from './storage.ts'

const PREFIX = 'parsurvey.draft-journal.'

/**
 * A synchronous copy of the draft on screen, for when IndexedDB does not have it. An IndexedDB
 * write takes a few milliseconds and is aborted when the page unloads, so a reload right after a
 * tap could lose the last answer. The questionnaire store writes the entry only when needed, off
 * the tap's path: when a write fails (storage full), and when the page goes away (`pagehide`, or
 * hidden, after which Android may kill it) with a write still under way. The entry is dropped
 * once IndexedDB holds a snapshot as new.
 */
export type DraftJournal = {
  write(draft: Draft): void
  read(id: string): Draft | undefined
  /** Forgets `id`, but only if nothing newer than `snapshot` was written meanwhile. */
  settle(snapshot: Draft): void
  clear(id: string): void
  /** Every draft with an entry: writes that a reload or a closed tab cut short. */
  pending(): Draft[]
}

export function createDraftJournal(store: Storage | undefined = globalThis.localStorage): DraftJournal {
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
    read: (id) =>
      attempt(() => {
        const text = store?.getItem(PREFIX + id)
        return text ? (JSON.parse(text) as Draft) : undefined
      }),
    settle: (snapshot) =>
      attempt(() => {
        if (store?.getItem(PREFIX + snapshot.id) === JSON.stringify(snapshot)) store.removeItem(PREFIX + snapshot.id)
      }),
    clear: (id) => attempt(() => store?.removeItem(PREFIX + id)),
    pending: () =>
      attempt(() => {
        const drafts: Draft[] = []
        for (let i = 0; i < (store?.length ?? 0); i++) {
          const key = store?.key(i)
          const text = key?.startsWith(PREFIX) ? store?.getItem(key) : null
          if (text) drafts.push(JSON.parse(text) as Draft)
        }
        return drafts
      }) ?? [],
  }
}

/**
 * Puts the journal's newer copies back into storage, at start-up, so everything that reads
 * drafts without opening them (the home list, the backup file) sees the last answer too. An
 * entry whose draft is no longer in storage (finished or never stored) is only dropped.
 */
export async function recoverDraftJournal(
  storage: DeviceStore,
  journal: DraftJournal = createDraftJournal(),
): Promise<number> {
  let recovered = 0
  for (const entry of journal.pending()) {
    const stored = await storage.draft(entry.id)
    if (stored && entry.updatedAt >= stored.updatedAt) {
      await storage.saveDraft(entry)
      recovered++
    }
    journal.settle(entry)
  }
  return recovered
}
