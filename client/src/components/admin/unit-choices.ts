import type { Label, Survey } from '@parsurvey/shared'

export type UnitChoice = { id: string; name: Label; unitKind: string }

/**
 * The units an account can be assigned to: every unit of the published surveys, once each (a
 * unit surveyed in several years or versions keeps the newest name), grouped by unit kind and
 * sorted by Vietnamese name.
 */
export function unitChoices(surveys: readonly Survey[]): UnitChoice[] {
  const byId = new Map<string, UnitChoice & { year: number; version: number }>()
  for (const s of surveys) {
    for (const u of s.units) {
      const seen = byId.get(u.id)
      if (!seen || s.year > seen.year || (s.year === seen.year && s.version > seen.version)) {
        byId.set(u.id, { id: u.id, name: u.name, unitKind: s.unitKind, year: s.year, version: s.version })
      }
    }
  }
  return [...byId.values()]
    .map(({ id, name, unitKind }) => ({ id, name, unitKind }))
    .sort((a, b) => a.unitKind.localeCompare(b.unitKind) || a.name.vi.localeCompare(b.name.vi, 'vi'))
}
