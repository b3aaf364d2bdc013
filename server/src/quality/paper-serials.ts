import { paperSerialKey } from '@parsurvey/shared'

/**
 * Paper serials keyed in under more than one response id (the same form entered twice). Serials
 * are compared by `paperSerialKey`, the rule the tablet warns with; `serial` is the first one as
 * typed, `key` the form they share.
 */
export function duplicateSerials(
  items: readonly { id: string; serial: string }[],
): { serial: string; key: string; ids: string[] }[] {
  const byKey = new Map<string, { serial: string; ids: string[] }>()
  for (const { id, serial } of items) {
    const key = paperSerialKey(serial)
    if (key === '') continue
    const found = byKey.get(key)
    if (found) found.ids.push(id)
    else byKey.set(key, { serial: serial.trim(), ids: [id] })
  }
  return [...byKey]
    .filter(([, { ids }]) => new Set(ids).size > 1)
    .map(([key, { serial, ids }]) => ({ serial, key, ids }))
}
