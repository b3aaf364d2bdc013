/** What ranking needs of a unit. */
export type RankEntry = { unitId: string; name: string; key: number | null }
export type Ranked = { unitId: string; rank: number | null }

const collator = new Intl.Collator('vi')

/**
 * Competition ranking (1, 2, 2, 4) on `key` (an already rounded total), highest first.
 * Equal keys share a rank and are listed by unit name (Vietnamese collation, then id so the order
 * never depends on input order). Entries without a key get rank null and come last, by name.
 */
export function rankUnits(entries: RankEntry[]): Ranked[] {
  const byName = (a: RankEntry, b: RankEntry): number =>
    collator.compare(a.name, b.name) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
  const keyed = entries.filter((e) => e.key !== null).sort((a, b) => (b.key ?? 0) - (a.key ?? 0) || byName(a, b))
  const unkeyed = entries.filter((e) => e.key === null).sort(byName)
  const ranked: Ranked[] = []
  keyed.forEach((entry, position) => {
    const previous = keyed[position - 1]
    const shared = previous !== undefined && previous.key === entry.key
    ranked.push({ unitId: entry.unitId, rank: shared ? (ranked[position - 1]?.rank ?? null) : position + 1 })
  })
  for (const entry of unkeyed) ranked.push({ unitId: entry.unitId, rank: null })
  return ranked
}
