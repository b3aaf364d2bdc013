import { parseStoredResponse, type Survey } from '@parsurvey/shared'
import type { ExportReader } from '../db/export-reader.ts'
import type { Cell } from './csv.ts'
import type { ExportTable } from './table.ts'

const HEAD = [
  { id: 'responseId', label: 'Mã phiếu' },
  { id: 'surveyId', label: 'Bộ câu hỏi' },
  { id: 'surveyVersion', label: 'Phiên bản' },
  { id: 'unitId', label: 'Đơn vị được đánh giá' },
  { id: 'groupId', label: 'Nhóm đối tượng' },
  { id: 'locationId', label: 'Xã/phường khảo sát' },
  { id: 'channel', label: 'Hình thức' },
  { id: 'startedAt', label: 'Bắt đầu' },
  { id: 'submittedAt', label: 'Hoàn thành' },
  { id: 'receivedAt', label: 'Thời điểm nhận' },
  { id: 'surveyor', label: 'Người gửi' },
  { id: 'paperSerial', label: 'Số phiếu giấy' },
]

/**
 * One row per response and one column per question (the question id as header; its Vietnamese
 * text is the label, shown in the XLSX second header row). A blank answer is an empty cell.
 */
export function responsesWideTable(survey: Survey, reader: ExportReader, unitFilter: (unitId: string) => boolean): ExportTable {
  const source = reader.responses(survey.id, survey.version)
  function* rows(): Generator<Cell[]> {
    for (const row of source) {
      const r = parseStoredResponse(survey, JSON.parse(row.body))
      if (!unitFilter(r.unitId)) continue
      yield [
        row.id, survey.id, survey.version, r.unitId, r.groupId, r.locationId, r.channel,
        r.startedAt, r.submittedAt, row.receivedAt, row.surveyor, r.paperSerial ?? null,
        ...survey.questions.map((q) => r.answers[q.id] ?? null),
      ]
    }
  }
  const iterator = rows()
  return {
    columns: [...HEAD, ...survey.questions.map((q) => ({ id: q.id, label: q.text.vi }))],
    rows: iterator,
    close: () => {
      iterator.return(undefined)
      source.return(undefined)
      reader.close()
    },
  }
}
