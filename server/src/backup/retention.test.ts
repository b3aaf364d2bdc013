import { describe, expect, it } from 'vitest'
import { backupFileName } from './backup.ts'
import { backupTime, backupsToDelete, isoWeekOf } from './retention.ts'

const name = (iso: string) => backupFileName(new Date(iso), 'zip')
/** One backup a day at 02:30 UTC from `first` for `days` days, oldest first. */
const daily = (first: string, days: number) =>
  Array.from({ length: days }, (_, i) =>
    name(new Date(Date.parse(`${first}T02:30:00Z`) + i * 86_400_000).toISOString()),
  )
const kept = (names: string[], keepDaily: number, keepWeekly: number) => {
  const gone = new Set(backupsToDelete(names, { keepDaily, keepWeekly }))
  return names.filter((n) => !gone.has(n))
}

describe('backup retention', () => {
  it('keeps the 14 newest days and the newest backup of each of 8 weeks out of two months of dailies', () => {
    // 2025-08-04 is a Monday; 63 days = 9 whole ISO weeks, ending Sunday 2025-10-05.
    const names = daily('2025-08-04', 63)
    expect(kept(names, 14, 8)).toEqual([
      // the newest (Sunday) backup of weeks 33 to 38; weeks 39 and 40, the other two of the
      // eight, are the 14 days
      name('2025-08-17T02:30:00Z'),
      name('2025-08-24T02:30:00Z'),
      name('2025-08-31T02:30:00Z'),
      name('2025-09-07T02:30:00Z'),
      name('2025-09-14T02:30:00Z'),
      name('2025-09-21T02:30:00Z'),
      ...daily('2025-09-22', 14),
    ])
  })

  it('keeps only the newest backup of a day that has several', () => {
    const names = [name('2025-10-01T01:00:00Z'), name('2025-10-01T13:00:00Z'), name('2025-10-01T23:59:59Z')]
    expect(kept(names, 14, 8)).toEqual([name('2025-10-01T23:59:59Z')])
  })

  it('counts days that have backups, so a month without any loses nothing old', () => {
    const names = [...daily('2025-07-01', 5), name('2025-09-01T02:30:00Z')]
    expect(kept(names, 14, 8)).toEqual(names)
  })

  it('always keeps the newest backup, even when told to keep no days or weeks', () => {
    const names = daily('2025-10-01', 3)
    expect(kept(names, 0, 0)).toEqual([names[2]])
  })

  it('never lists a file that is not a scheduled backup', () => {
    const names = [
      'notes.txt',
      'parsurvey.db',
      `${name('2025-10-01T02:30:00Z')}.partial`,
      'parsurvey-2025-02-30T02-30-00Z.zip',
    ]
    expect(backupsToDelete([...names, ...daily('2025-10-01', 3)], { keepDaily: 1, keepWeekly: 0 })).toEqual([
      name('2025-10-02T02:30:00Z'),
      name('2025-10-01T02:30:00Z'),
    ])
  })

  it('reads the time back from the name and puts days into ISO weeks', () => {
    expect(backupTime(name('2025-10-01T08:30:05Z'))?.toISOString()).toBe('2025-10-01T08:30:05.000Z')
    expect(backupTime('parsurvey-2025-10-01.zip')).toBeNull()
    expect(isoWeekOf(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01')
    expect(isoWeekOf(new Date('2021-01-03T23:00:00Z'))).toBe('2020-W53')
    expect(isoWeekOf(new Date('2025-10-05T23:59:59Z'))).toBe('2025-W40')
    expect(isoWeekOf(new Date('2025-10-06T00:00:00Z'))).toBe('2025-W41')
  })
})
