import type { Survey } from '@parsurvey/shared'
import type { ProgressCell } from '../../api/endpoints.ts'
import { LATE_SHARE } from './heat.ts'

export type Count = { responses: number; quota: number }

export type ProgressRow = {
  unitId: string
  /** Per group, summed over locations. */
  groups: Record<string, Count>
  /** Per sampled location, the groups whose quota is per location. */
  locations: { locationId: string; groups: Record<string, Count> }[]
  responses: number
  quota: number
  /**
   * Share of the unit's quota reached, each cell capped at its quota: 40 citizens do not make up
   * for missing delegates. null without any quota.
   */
  share: number | null
  late: boolean
}

const add = (into: Record<string, Count>, groupId: string, cell: Count) => {
  const sum = (into[groupId] ??= { responses: 0, quota: 0 })
  sum.responses += cell.responses
  sum.quota += cell.quota
}

/** The progress cells of the server as one row per unit, in the survey's unit order. */
export function progressRows(survey: Survey, cells: ProgressCell[]): ProgressRow[] {
  const byUnit = new Map<string, ProgressCell[]>()
  for (const cell of cells) (byUnit.get(cell.unitId) ?? byUnit.set(cell.unitId, []).get(cell.unitId)!).push(cell)
  return survey.units
    .filter((unit) => byUnit.has(unit.id))
    .map((unit): ProgressRow => {
      const groups: Record<string, Count> = {}
      const locations = new Map<string, Record<string, Count>>()
      let responses = 0
      let quota = 0
      let reached = 0
      for (const cell of byUnit.get(unit.id) ?? []) {
        add(groups, cell.groupId, cell)
        if (cell.locationId)
          add(
            locations.get(cell.locationId) ?? locations.set(cell.locationId, {}).get(cell.locationId)!,
            cell.groupId,
            cell,
          )
        responses += cell.responses
        quota += cell.quota
        reached += Math.min(cell.responses, cell.quota)
      }
      const share = quota > 0 ? reached / quota : null
      return {
        unitId: unit.id,
        groups,
        locations: [...locations].map(([locationId, g]) => ({ locationId, groups: g })),
        responses,
        quota,
        share,
        late: share !== null && share < LATE_SHARE,
      }
    })
}

/** Late units first (least advanced first), then the others in survey order. */
export function lateFirst(rows: ProgressRow[]): ProgressRow[] {
  const late = rows.filter((r) => r.late).sort((a, b) => (a.share ?? 0) - (b.share ?? 0))
  return [...late, ...rows.filter((r) => !r.late)]
}
