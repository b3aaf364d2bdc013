import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { progressDayKey } from './progress-day.ts'

describe('progressDayKey', () => {
  // The stored day is SQL's; two times may share a key only if SQL gives them the same day.
  const sqlDay = (() => {
    const db = new Database(':memory:')
    const stmt = db.prepare<[string, string], string>(`SELECT COALESCE(date(?, '+7 hours'), substr(?, 1, 10))`).pluck()
    return (t: string) => stmt.get(t, t)
  })()

  it.each([
    '2025-11-01T16:59:59Z',
    '2025-11-01T17:00:00Z',
    '2025-11-01T17:00:00.000Z',
    '2025-11-01T23:30:00+07:00',
    '2025-11-02T00:10:00+07:00',
    '2025-10-31T20:00:00-05:00',
    '2024-02-28T17:00:00.5Z',
    '2025-12-31T17:00Z',
  ])('gives the same Vietnamese day as SQLite for %s', (t) => {
    expect(progressDayKey(t)).toBe(sqlDay(t))
  })

  it('keys a time it does not read as plain ISO by the time itself, so it is never merged with another', () => {
    for (const t of ['2025-11-01 10:00:00', '2025-11-01T10:00:00.123456Z', '2025-11-01T23:59:60Z', 'soon']) {
      expect(progressDayKey(t)).toBe(t)
    }
  })
})
