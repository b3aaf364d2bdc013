/**
 * The browser may clear a site's storage when the device runs short of space, unless the site's
 * storage is persistent. A surveyor's day of questionnaires lives there until it is sent, so we
 * ask for persistence after log-in and show what the browser answered.
 */
export type StorageState = { persisted: boolean | null; usage: number | null; quota: number | null }

type StorageManagerLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>

const manager = (): StorageManagerLike | undefined => (typeof navigator === 'undefined' ? undefined : navigator.storage)

/** Asks for persistent storage; null when the browser has no such thing. Never throws. */
export async function requestPersistence(storage: StorageManagerLike | undefined = manager()): Promise<boolean | null> {
  try {
    if (!storage?.persist) return null
    return (await storage.persisted?.()) || (await storage.persist())
  } catch {
    return null
  }
}

export async function storageState(storage: StorageManagerLike | undefined = manager()): Promise<StorageState> {
  const [persisted, estimate] = await Promise.all([
    storage?.persisted?.().catch(() => null) ?? Promise.resolve(null),
    storage?.estimate?.().catch(() => null) ?? Promise.resolve(null),
  ])
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null }
}

/** Responses unsent for longer than this get a warning: a day out of reach of the network. */
export const UNSENT_WARNING_MS = 24 * 60 * 60 * 1000

export function waitedTooLong(queuedAt: string | null, now: number): boolean {
  return queuedAt !== null && now - Date.parse(queuedAt) > UNSENT_WARNING_MS
}
