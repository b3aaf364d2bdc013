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
    /**
     * The unit an organisation seems to be without naming it exactly: the longest unit name the
     * text holds ("Sở Y tế tỉnh Sơn Hà"), or a name the text is most of ("Ban Quản lý các khu
     * công nghiệp" for "… công nghiệp tỉnh"). None for a text too short to tell.
     */
    nameWithin(text: string): string | undefined {
      const key = headerKey(text)
      if (key.length < 6) return undefined
      let best: { id: string; length: number } | undefined
      for (const unit of survey.units) {
        const name = headerKey(unit.name.vi)
        const near = key.includes(name) || (name.includes(key) && key.length >= 0.75 * name.length)
        if (near && (!best || name.length > best.length)) best = { id: unit.id, length: name.length }
      }
      return best?.id
    },
    /** Ids without repeats, in the survey's order (ids it does not know last). */
    ordered: (list: string[]): string[] => {
      const rank = (id: string) => order.get(id) ?? order.size
      return [...new Set(list)].sort((a, b) => rank(a) - rank(b))
    },
  }
}
