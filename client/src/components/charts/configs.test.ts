import { describe, expect, it } from 'vitest'
import { dailyProgress, horizontalBars, wrapLabel } from './configs.ts'
import { REST } from './palette.ts'

describe('chart configurations', () => {
  it('draws the unreached rest of a maximum in grey behind stacked points', () => {
    const config = horizontalBars(
      ['1', '2'],
      [
        { label: 'Điểm', values: [1.5, 2] },
        { label: 'Còn lại', values: [0.5, 1] },
      ],
      { stacked: true, max: 3 },
    )
    expect(config.data.datasets[1]!.backgroundColor).toBe(REST)
    expect(config.options?.scales?.x).toMatchObject({ stacked: true, max: 3 })
    expect(config.options?.indexAxis).toBe('y')
  })

  it('labels days as dd/mm/yyyy and puts the running total on its own axis', () => {
    const config = dailyProgress([{ day: '2025-10-01', responses: 3, cumulative: 3 }], {
      day: 'Số phiếu',
      total: 'Lũy kế',
    })
    expect(config.data.labels).toEqual(['01/10/2025'])
    expect(config.data.datasets.map((d) => (d as { yAxisID?: string }).yAxisID)).toEqual(['y', 'total'])
  })

  it('writes a long domain name on several lines, broken between words, and keeps a short one', () => {
    const long = '8. Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội'
    const lines = wrapLabel(long)
    expect(Array.isArray(lines)).toBe(true)
    expect((lines as string[]).join(' ')).toBe(long)
    expect((lines as string[]).every((line) => line.length <= 42)).toBe(true)
    expect(wrapLabel('2. Cải cách thể chế')).toBe('2. Cải cách thể chế')
  })
})
