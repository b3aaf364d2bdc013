import { describe, expect, it } from 'vitest'
import en from './en.json'
import vi from './vi.json'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}
function leaves(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [String(value)]
  return Object.values(value).flatMap(leaves)
}

describe('UI catalogues', () => {
  it('Vietnamese and English have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort())
  })
  it('no message uses characters vue-i18n would read as syntax', () => {
    // "@" starts a linked message and "|" separates plural forms in vue-i18n.
    for (const text of [...leaves(vi), ...leaves(en)]) expect(text).not.toMatch(/[@|]/)
  })
  it('Vietnamese placeholders match the English ones', () => {
    const placeholders = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort()
    const viByKey = new Map(keys(vi).map((k, i) => [k, leaves(vi)[i]!]))
    keys(en).forEach((k, i) => expect(placeholders(viByKey.get(k) ?? ''), k).toEqual(placeholders(leaves(en)[i]!)))
  })
})
