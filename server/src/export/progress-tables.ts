import type { DayProgress, ProgressCell, Survey, SurveyorProgress } from '@parsurvey/shared'
import type { Cell } from './csv.ts'
import { localised, tableOf, type ExportTable, type ExportView } from './table.ts'

/** Responses against quota per unit × group (× location), as the Progress view's heat table. */
export function progressTable(survey: Survey, cells: ProgressCell[], view: ExportView): ExportTable {
  const columns = ['unitId', 'unitName', 'groupId', 'locationId', 'responses', 'quota', 'share'].map((id) => ({ id }))
  const names = new Map(survey.units.map((u) => [u.id, localised(u.name, view)]))
  const rows = cells.map((c): Cell[] => [
    c.unitId,
    names.get(c.unitId) ?? c.unitId,
    c.groupId,
    c.locationId,
    c.responses,
    c.quota,
    c.quota > 0 ? c.responses / c.quota : null,
  ])
  return tableOf(columns, rows)
}

export function surveyorTable(surveyors: SurveyorProgress[]): ExportTable {
  const columns = ['username', 'responses', 'units'].map((id) => ({ id }))
  return tableOf(
    columns,
    surveyors.map((s): Cell[] => [s.username ?? '', s.responses, s.units]),
  )
}

export function dayTable(days: DayProgress[]): ExportTable {
  const columns = ['day', 'responses', 'cumulative'].map((id) => ({ id }))
  return tableOf(
    columns,
    days.map((d): Cell[] => [d.day, d.responses, d.cumulative]),
  )
}
