import { describe, expect, it } from 'vitest'
import { catalogueFiles, catalogues } from './catalogues.ts'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}
function leaves(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [String(value)]
  return Object.values(value).flatMap(leaves)
}

describe('UI catalogues', () => {
  it.each(Object.keys(catalogueFiles))('%s: Vietnamese and English have the same keys', (feature) => {
    const { vi, en } = catalogueFiles[feature]!
    expect(vi, `${feature}.vi.json`).toBeDefined()
    expect(en, `${feature}.en.json`).toBeDefined()
    expect(keys(en).sort()).toEqual(keys(vi).sort())
  })
  it('no message uses characters vue-i18n would read as syntax, but English plural forms', () => {
    // "@" starts a linked message; "|" separates plural forms, which only English has (spaced).
    for (const text of [...leaves(catalogues.vi), ...leaves(catalogues.en)]) expect(text).not.toMatch(/@/)
    for (const text of leaves(catalogues.vi)) expect(text).not.toMatch(/\|/)
    for (const text of leaves(catalogues.en)) expect(text.replace(/ \| /g, '')).not.toMatch(/\|/)
  })
  it('Vietnamese placeholders match the English ones', () => {
    const placeholders = (t: string) => [...new Set(t.match(/\{\w+\}/g) ?? [])].sort()
    const viByKey = new Map(keys(catalogues.vi).map((k, i) => [k, leaves(catalogues.vi)[i]!]))
    keys(catalogues.en).forEach((k, i) =>
      expect(placeholders(viByKey.get(k) ?? ''), k).toEqual(placeholders(leaves(catalogues.en)[i]!)),
    )
  })
  it('Vietnamese addresses the reader one way, "Ông/Bà", never "bạn"', () => {
    for (const text of leaves(catalogues.vi)) expect(text).not.toMatch(/(^|[^\p{L}])bạn([^\p{L}]|$)/iu)
  })
  it('English puts a count before a noun only with singular and plural forms ("1 response", "2 responses")', () => {
    // Numbers that are not counts of things (versions, sets) and counts followed by adjectives.
    const notCounts = [
      '{version}',
      '{id} version',
      '{stored} new',
      '{duplicate} already',
      '{refused} not',
      '{count} more',
    ]
    const byKey = new Map(keys(catalogues.en).map((k, i) => [k, leaves(catalogues.en)[i]!]))
    for (const [key, text] of byKey) {
      if (text.includes(' | ')) continue
      const rest = notCounts.reduce((t, ok) => t.replaceAll(ok, ''), text)
      expect(rest, key).not.toMatch(/\{\w+\} (?!(of|to|at|and|or|is|was|were|are|in|on|into|the)\b)[a-z]/)
    }
  })
})
