/**
 * A deep copy made of plain JSON values. IndexedDB cannot clone Vue's reactive proxies, and the
 * in-memory store must not share objects with its callers, or tests would pass where a device fails.
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}
