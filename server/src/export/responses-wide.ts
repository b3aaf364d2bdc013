import { answerCell, otherAnswerKey, otherOption, type Survey } from '@parsurvey/shared'
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
 * text is the label, shown in the XLSX second header row). A blank answer is an empty cell; the
 * values of a multiple choice are joined with spaces; an "other" text has its own column.
 */
export function responsesWideTable(
  survey: Survey,
  reader: ExportReader,
  unitFilter: (unitId: string) => boolean,
): ExportTable {
  const keys = survey.questions.flatMap((q) =>
    otherOption(q)
      ? [
          { id: q.id, label: q.text.vi },
          { id: otherAnswerKey(q.id), label: `${q.text.vi} (khác)` },
        ]
      : [{ id: q.id, label: q.text.vi }],
  )
  const columns = [...HEAD, ...keys]
  return responseTable(survey, reader, unitFilter, columns, (r, stored, identity) => [
    [
      ...identity,
      r.startedAt,
      r.submittedAt,
      stored.receivedAt,
      stored.surveyor,
      r.paperSerial ?? null,
      ...keys.map(({ id }) => answerCell(r.answers[id])),
    ],
  ])
}
