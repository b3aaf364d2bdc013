import type { DeviceStore } from './storage.ts'

/**
 * Why the device's storage cannot be used, if it cannot: `blocked` (another tab holds an older
 * version of the database open, so it never finishes opening), `quota` (the browser refuses to
 * store more), `unavailable` (no IndexedDB, e.g. some private modes, or it failed to open).
 */
export type StorageProblem = 'blocked' | 'quota' | 'unavailable'

const QUOTA_ERRORS = new Set(['QuotaExceededError'])

/** The problem a storage error stands for (Dexie wraps the DOMException in `inner`). */
export function storageProblemOf(error: unknown): StorageProblem {
  const names: string[] = []
  for (
    let e = error as { name?: unknown; inner?: unknown } | undefined;
    e && names.length < 5;
    e = e.inner as typeof e
  ) {
    if (typeof e.name === 'string') names.push(e.name)
  }
  return names.some((name) => QUOTA_ERRORS.has(name)) ? 'quota' : 'unavailable'
}

/**
 * Tries a small write before the app starts: an app that cannot keep answers must say so at
 * once instead of showing a blank page or losing the first questionnaire. Nothing is deleted
 * whatever the outcome: answers already on the device stay there for when storage works again.
 */
export async function checkStorage(storage: DeviceStore, timeoutMs = 4000): Promise<StorageProblem | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<StorageProblem>((resolve) => {
    timer = setTimeout(() => resolve('blocked'), timeoutMs)
  })
  try {
    return await Promise.race([storage.deviceId().then(() => null), timeout])
  } catch (error) {
    return storageProblemOf(error)
  } finally {
    clearTimeout(timer)
  }
}
