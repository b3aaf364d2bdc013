/** Paper serials keyed in under more than one response id (the same form entered twice). */
export function duplicateSerials(
  items: readonly { id: string; serial: string }[],
): { serial: string; ids: string[] }[] {
  const bySerial = new Map<string, string[]>()
  for (const { id, serial } of items) {
    // Serials are typed by hand: "bk-0012 " and "BK-0012" are the same form.
    const key = serial.trim().toUpperCase()
    const ids = bySerial.get(key)
    if (ids) ids.push(id)
    else bySerial.set(key, [id])
  }
  return [...bySerial].filter(([, ids]) => new Set(ids).size > 1).map(([serial, ids]) => ({ serial, ids }))
}
