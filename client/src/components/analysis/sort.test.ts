import { describe, expect, it } from 'vitest'
import { compareValues, sortRows, toggleSort } from './sort.ts'

describe('sorting table rows', () => {
  const rows = [
    { name: 'Sở Tư pháp', points: 18.2 },
    { name: 'Sở Công Thương', points: null },
    { name: 'Sở Giáo dục và Đào tạo', points: 20.5 },
    { name: 'Sở Du lịch', points: 18.2 },
  ]
  const value = (row: (typeof rows)[number], key: 'name' | 'points') => row[key]

  it('puts missing values last in both directions', () => {
    expect(sortRows(rows, { key: 'points', direction: 'desc' }, value).map((r) => r.points)).toEqual([
      20.5,
      18.2,
      18.2,
      null,
    ])
    expect(sortRows(rows, { key: 'points', direction: 'asc' }, value).map((r) => r.points)).toEqual([
      18.2,
      18.2,
      20.5,
      null,
    ])
  })

  it('keeps the order of equal rows', () => {
    const sorted = sortRows(rows, { key: 'points', direction: 'desc' }, value)
    expect(sorted.filter((r) => r.points === 18.2).map((r) => r.name)).toEqual(['Sở Tư pháp', 'Sở Du lịch'])
  })

  it('orders Vietnamese names with Đ after D', () => {
    expect(['Đà Nẵng', 'Điện Biên', 'Cà Mau', 'Dak Lak'].sort((a, b) => compareValues(a, b, 'asc'))).toEqual([
      'Cà Mau',
      'Dak Lak',
      'Đà Nẵng',
      'Điện Biên',
    ])
  })

  it('flips the direction on the same column and starts a new column in its natural direction', () => {
    expect(toggleSort({ key: 'rank', direction: 'asc' }, 'rank')).toEqual({ key: 'rank', direction: 'desc' })
    expect(toggleSort<'rank' | 'total'>({ key: 'rank', direction: 'asc' }, 'total', 'desc')).toEqual({
      key: 'total',
      direction: 'desc',
    })
  })
})
