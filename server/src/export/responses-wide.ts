import type { Survey } from '@parsurvey/shared'
import type { ExportReader } from '../db/export-reader.ts'
import { RESPONSE_COLUMNS, responseTable } from './response-rows.ts'
import type { ExportTable } from './table.ts'

const HEAD = [
  ...RESPONSE_COLUMNS,
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
export function responsesWideTable(
  survey: Survey,
  reader: ExportReader,
  unitFilter: (unitId: string) => boolean,
): ExportTable {
  const columns = [...HEAD, ...survey.questions.map((q) => ({ id: q.id, label: q.text.vi }))]
  return responseTable(survey, reader, unitFilter, columns, (r, stored, identity) => [
    [
      ...identity,
      r.startedAt,
      r.submittedAt,
      stored.receivedAt,
      stored.surveyor,
      r.paperSerial ?? null,
      ...survey.questions.map((q) => r.answers[q.id] ?? null),
    ],
  ])
}
