import { parseStoredResponse, type Response, type Survey } from '@parsurvey/shared'
import type { ExportedResponseRow, ExportReader } from '../db/export-reader.ts'
import type { Cell } from './csv.ts'
import type { ExportTable } from './table.ts'

/** The columns that say which response a row belongs to; both response exports start with them. */
export const RESPONSE_COLUMNS = [
  { id: 'responseId', label: 'Mã phiếu' },
  { id: 'surveyId', label: 'Bộ câu hỏi' },
  { id: 'surveyVersion', label: 'Phiên bản' },
  { id: 'unitId', label: 'Đơn vị được đánh giá' },
  { id: 'groupId', label: 'Nhóm đối tượng' },
  { id: 'locationId', label: 'Xã/phường khảo sát' },
  { id: 'channel', label: 'Hình thức' },
]

/**
 * A streamed table over the stored responses of one survey version that `unitFilter` lets
 * through: `rowsOf` turns each parsed response (with its identity cells, in RESPONSE_COLUMNS
 * order) into rows. Closing the table closes the reader.
 */
export function responseTable(
  survey: Survey,
  reader: ExportReader,
  unitFilter: (unitId: string) => boolean,
  columns: ExportTable['columns'],
  rowsOf: (response: Response, stored: ExportedResponseRow, identity: Cell[]) => Iterable<Cell[]>,
): ExportTable {
  const source = reader.responses(survey.id, survey.version)
  function* rows(): Generator<Cell[]> {
    for (const stored of source) {
      const r = parseStoredResponse(survey, JSON.parse(stored.body))
      if (!unitFilter(r.unitId)) continue
      yield* rowsOf(r, stored, [stored.id, survey.id, survey.version, r.unitId, r.groupId, r.locationId, r.channel])
    }
  }
  const iterator = rows()
  return {
    columns,
    rows: iterator,
    close: () => {
      iterator.return(undefined)
      source.return(undefined)
      reader.close()
    },
  }
}
