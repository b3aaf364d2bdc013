import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProgressCounts, ProgressDayKeys } from './progress-counts.ts'
import { progressDayKey } from './progress-day.ts'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * Times near the edges that matter (day ends, hour 24, second 60, fractions, separators, offsets),
 * from few enough values that a run meets the same minute written many ways.
 */
const time = fc
  .record({
    date: fc.constantFrom('2024-02-29', '2025-12-31', '2025-02-30'),
    hour: fc.constantFrom(0, 16, 17, 23, 24),
    minute: fc.constantFrom(0, 59, 60),
    second: fc.constantFrom(':00', ':59', ':60', ':5', ''),
    fraction: fc.constantFrom('', '.5', '.125', '.1234', '.'),
    offset: fc.constantFrom('Z', '+07:00', '-05:45', '+24:00', '+0700', ''),
    separator: fc.constantFrom('T', ' ', 't'),
  })
  .map((t) => `${t.date}${t.separator}${pad(t.hour)}:${pad(t.minute)}${t.second}${t.fraction}${t.offset}`)

describe('ProgressDayKeys', () => {
  it('gives exactly progressDayKey, whatever times came before', () => {
    fc.assert(
      fc.property(fc.array(time, { minLength: 50, maxLength: 300 }), (times) => {
        const keys = new ProgressDayKeys()
        for (const t of times) expect(keys.key(t)).toBe(progressDayKey(t))
      }),
      { numRuns: 200 },
    )
  })

  it('does not carry a minute that parsed over to a second that does not (24:00:00 and 24:00:30)', () => {
    const keys = new ProgressDayKeys()
    expect(keys.key('2025-11-01T24:00:00Z')).toBe(progressDayKey('2025-11-01T24:00:00Z'))
    expect(keys.key('2025-11-01T24:00:30Z')).toBe('2025-11-01T24:00:30Z')
  })
})

describe('ProgressCounts', () => {
  it('merges responses of one unit, account and Vietnamese day, and adds rows counted elsewhere', () => {
    const counts = new ProgressCounts()
    counts.add('huyen-a', 3, '2025-10-01T08:00:00+07:00')
    counts.add('huyen-a', 3, '2025-10-01T01:30:00Z')
    // 17:30 UTC is already the next day in Vietnam.
    counts.add('huyen-a', 3, '2025-10-01T17:30:00Z')
    counts.add('huyen-a', null, '2025-10-01T08:00:00+07:00')
    const other = new ProgressCounts()
    other.add('huyen-a', 3, '2025-10-01T09:00:00+07:00')
    other.add('huyen-b', 3, '2025-10-01T09:00:00+07:00')
    counts.addRows(other.rows())
    expect(counts.rows()).toEqual([
      { unitId: 'huyen-a', receivedBy: 3, submittedAt: '2025-10-01T08:00:00+07:00', responses: 3 },
      { unitId: 'huyen-a', receivedBy: 3, submittedAt: '2025-10-01T17:30:00Z', responses: 1 },
      { unitId: 'huyen-a', receivedBy: null, submittedAt: '2025-10-01T08:00:00+07:00', responses: 1 },
      { unitId: 'huyen-b', receivedBy: 3, submittedAt: '2025-10-01T09:00:00+07:00', responses: 1 },
    ])
  })
})
