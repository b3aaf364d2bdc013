import type { Survey } from '../survey/schema.ts'
import { headerKey } from './columns.ts'

/**
 * Reads the units a register cell names: by id, or by Vietnamese name with or without
 * diacritics ("Sở Nội vụ", "so noi vu"); a name two units share is not guessed.
 */
export function unitResolver(survey: Survey) {
  const ids = new Set(survey.units.map((u) => u.id))
  const order = new Map(survey.units.map((u, i) => [u.id, i]))
  const byKey = new Map<string, string | null>()
  for (const unit of survey.units) {
    for (const key of new Set([headerKey(unit.id), headerKey(unit.name.vi)])) {
      const seen = byKey.get(key)
      byKey.set(key, seen === undefined || seen === unit.id ? unit.id : null)
    }
  }
  const resolve = (text: string): string | undefined => {
    const trimmed = text.trim()
    if (ids.has(trimmed)) return trimmed
    return byKey.get(headerKey(trimmed)) ?? undefined
  }
  return {
    resolve,
    /**
     * The tokens of a cell: split on ";" and new lines; a piece that is not a unit but holds
     * commas is split on them too (a list typed with commas), unless it is a unit's name.
     */
    split(cell: string): string[] {
      return cell
        .split(/[;\n]/)
        .map((t) => t.trim())
        .filter((t) => t !== '')
        .flatMap((t) =>
          resolve(t) === undefined && t.includes(',')
            ? t
                .split(',')
                .map((p) => p.trim())
                .filter((p) => p !== '')
            : [t],
        )
    },
    /** Ids without repeats, in the survey's order (ids it does not know last). */
    ordered: (list: string[]): string[] => {
      const rank = (id: string) => order.get(id) ?? order.size
      return [...new Set(list)].sort((a, b) => rank(a) - rank(b))
    },
  }
}
