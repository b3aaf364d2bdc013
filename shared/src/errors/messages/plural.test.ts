import { describe, expect, it } from 'vitest'
import { catalogueEntries, formatMessage } from './index.ts'

describe('counts in messages', () => {
  it('says "1 error" and "2 errors" in English, and the same words for any count in Vietnamese', () => {
    expect(formatMessage('cli-respondents-row-errors', { count: 1 }, 'en')).toBe('Nothing imported: 1 error.')
    expect(formatMessage('cli-respondents-row-errors', { count: 2 }, 'en')).toBe('Nothing imported: 2 errors.')
    expect(formatMessage('cli-respondents-row-errors', { count: 1 }, 'vi')).toBe('Không nhập gì: 1 lỗi.')
    const imported = { surveyId: 'par-2026', added: 1, updated: 0, unchanged: 0, total: 1 }
    expect(formatMessage('cli-respondents-imported', imported, 'en')).toBe(
      'Register of par-2026 imported: 1 new, 0 updated, 0 unchanged; 1 person in all.',
    )
    expect(formatMessage('cli-respondents-imported', { ...imported, total: 1600 }, 'en')).toContain(
      '1600 people in all',
    )
  })

  it('fills every other placeholder of a message with a count as given, and never throws on a missing one', () => {
    const params = { file: 'b.tar.gz', count: 1 }
    expect(formatMessage('cli-backup-verify-failed', params, 'en')).toBe(
      'restore drill of b.tar.gz: FAILED (1 problem).',
    )
    expect(() => formatMessage('cli-backup-verify-failed', {}, 'en')).not.toThrow()
  })

  it('writes every English count of the catalogue for 1 and for 2 without a placeholder left', () => {
    const plural = catalogueEntries().filter(([, t]) => t.en.includes(', plural,'))
    expect(plural.length).toBeGreaterThan(20)
    for (const [code, template] of plural) {
      const names = [...template.en.matchAll(/\{(\w+)/g)].map((m) => m[1]!)
      for (const n of [1, 2]) {
        const text = formatMessage(code, Object.fromEntries(names.map((name) => [name, n])), 'en')
        expect(text, code).not.toMatch(/[{}#]|NaN/)
        expect(text, code).toMatch(n === 1 ? /\b1\b/ : /\b2\b/)
      }
    }
  })
})
