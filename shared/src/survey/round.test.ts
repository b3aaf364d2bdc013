import { describe, expect, it } from 'vitest'
import { addDays, endOfDayInVietnam, roundClosed, vietnamDate } from './round.ts'

describe('survey round dates (Vietnam, UTC+7)', () => {
  it('a round closes at the end of its closing day in Vietnam, not in UTC', () => {
    const round = { opens: '2026-10-01', closes: '2026-12-20' }
    expect(new Date(endOfDayInVietnam('2026-12-20')).toISOString()).toBe('2026-12-20T16:59:59.999Z')
    expect(roundClosed(round, new Date('2026-12-20T16:59:59.999Z'))).toBe(false)
    expect(roundClosed(round, new Date('2026-12-20T17:00:00.000Z'))).toBe(true)
    expect(roundClosed(null, new Date('2999-01-01'))).toBe(false)
  })
  it('today in Vietnam runs 7 hours ahead of UTC; adding days crosses months and years', () => {
    expect(vietnamDate(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31')
    expect(vietnamDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01')
    expect(addDays('2026-12-04', 90)).toBe('2027-03-04')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })
})
