import type { DayProgress, ProgressCell, Survey, SurveyorProgress } from '@parsurvey/shared'
import type { Cell } from './csv.ts'
import { tableOf, type ExportTable } from './table.ts'

/** Responses against quota per unit × group (× location), as the Progress view's heat table. */
export function progressTable(survey: Survey, cells: ProgressCell[]): ExportTable {
  const columns = [
    { id: 'unitId', label: 'Đơn vị được đánh giá' },
    { id: 'unitName', label: 'Tên đơn vị' },
    { id: 'groupId', label: 'Nhóm đối tượng' },
    { id: 'locationId', label: 'Xã/phường được khảo sát' },
    { id: 'responses', label: 'Số phiếu' },
    { id: 'quota', label: 'Chỉ tiêu' },
    { id: 'share', label: 'Tỷ lệ so với chỉ tiêu' },
  ]
  const names = new Map(survey.units.map((u) => [u.id, u.name.vi]))
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
  const columns = [
    { id: 'username', label: 'Tài khoản gửi phiếu' },
    { id: 'responses', label: 'Số phiếu' },
    { id: 'units', label: 'Số đơn vị' },
  ]
  return tableOf(
    columns,
    surveyors.map((s): Cell[] => [s.username ?? '', s.responses, s.units]),
  )
}

export function dayTable(days: DayProgress[]): ExportTable {
  const columns = [
    { id: 'day', label: 'Ngày (giờ Việt Nam)' },
    { id: 'responses', label: 'Số phiếu' },
    { id: 'cumulative', label: 'Lũy kế' },
  ]
  return tableOf(
    columns,
    days.map((d): Cell[] => [d.day, d.responses, d.cumulative]),
  )
}
