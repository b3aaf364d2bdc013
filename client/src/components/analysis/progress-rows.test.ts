import { makeSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import type { ProgressCell } from '../../api/endpoints.ts'
import { lateFirst, progressRows } from './progress-rows.ts'

const cell = (
  unitId: string,
  groupId: string,
  responses: number,
  quota: number,
  locationId: string | null = null,
): ProgressCell => ({
  unitId,
  groupId,
  locationId,
  responses,
  quota,
})

describe('progress rows', () => {
  const survey = makeSurvey()

  it('sums locations into the unit × group cell and keeps them for the detail rows', () => {
    const [a] = progressRows(survey, [
      cell('huyen-a', 'leader', 2, 3),
      cell('huyen-a', 'citizen', 3, 4, 'xa-1'),
      cell('huyen-a', 'citizen', 1, 4, 'xa-2'),
    ])
    expect(a!.groups).toEqual({ leader: { responses: 2, quota: 3 }, citizen: { responses: 4, quota: 8 } })
    expect(a!.locations).toEqual([
      { locationId: 'xa-1', groups: { citizen: { responses: 3, quota: 4 } } },
      { locationId: 'xa-2', groups: { citizen: { responses: 1, quota: 4 } } },
    ])
  })

  it('does not let an over-filled group hide an empty one', () => {
    const [a] = progressRows(survey, [cell('huyen-a', 'leader', 0, 3), cell('huyen-a', 'citizen', 40, 4)])
    expect(a!.share).toBeCloseTo(4 / 7, 12)
    const [b] = progressRows(survey, [cell('huyen-b', 'leader', 0, 3), cell('huyen-b', 'citizen', 12, 4)])
    expect(b!.late).toBe(false)
    const [c] = progressRows(survey, [cell('huyen-b', 'leader', 0, 6), cell('huyen-b', 'citizen', 12, 4)])
    expect(c!.late).toBe(true)
  })

  it('lists late units first, the least advanced first', () => {
    const rows = progressRows(survey, [cell('huyen-a', 'leader', 1, 10), cell('huyen-b', 'leader', 0, 10)])
    expect(lateFirst(rows).map((r) => r.unitId)).toEqual(['huyen-b', 'huyen-a'])
  })
})
