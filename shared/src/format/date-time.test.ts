import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatTime, parseDate } from './date-time.ts'

describe('date and time as people read them', () => {
  it('writes a moment day first, in Vietnam time, whatever zone it was recorded in', () => {
    expect(formatDateTime('2026-12-04T13:05:00Z')).toBe('04/12/2026 20:05')
    expect(formatDateTime('2026-12-04T20:05:59.999+07:00')).toBe('04/12/2026 20:05')
    expect(formatDateTime(Date.parse('2026-12-31T17:00:00Z'))).toBe('01/01/2027 00:00')
    expect(formatDateTime(new Date('2026-11-30T16:59:59.999Z'))).toBe('30/11/2026 23:59')
    expect(formatTime('2026-12-04T13:05:00Z')).toBe('20:05')
  })

  it('writes a calendar day, or the Vietnam day of a moment, as dd/mm/yyyy', () => {
    expect(formatDate('2026-12-04')).toBe('04/12/2026')
    expect(formatDate('2026-12-04T18:00:00Z')).toBe('05/12/2026')
  })

  it('gives back what is not a time rather than failing', () => {
    expect(formatDateTime('soon')).toBe('soon')
    expect(formatDate('')).toBe('')
  })

  it('reads a typed dd/mm/yyyy day and refuses days that do not exist', () => {
    expect(parseDate('04/12/2026')).toBe('2026-12-04')
    expect(parseDate(' 4/12/2026 ')).toBe('2026-12-04')
    expect(parseDate('4.12.2026')).toBe('2026-12-04')
    expect(parseDate('29/02/2028')).toBe('2028-02-29')
    expect(parseDate('29/02/2026')).toBeNull()
    expect(parseDate('12/31/2026')).toBeNull()
    expect(parseDate('2026-12-04')).toBeNull()
    expect(parseDate('')).toBeNull()
  })
})
