import { parseStoredResponse, type Survey } from '@parsurvey/shared'
import type { ExportReader } from '../db/export-reader.ts'
import type { Cell } from './csv.ts'
import type { ExportTable } from './table.ts'

const COLUMNS = [
  { id: 'responseId', label: 'Mã phiếu' },
  { id: 'surveyId', label: 'Bộ câu hỏi' },
  { id: 'surveyVersion', label: 'Phiên bản' },
  { id: 'unitId', label: 'Đơn vị được đánh giá' },
  { id: 'groupId', label: 'Nhóm đối tượng' },
  { id: 'locationId', label: 'Xã/phường khảo sát' },
  { id: 'channel', label: 'Hình thức' },
  { id: 'questionId', label: 'Câu hỏi' },
  { id: 'answer', label: 'Trả lời' },
  { id: 'optionScore', label: 'Điểm phương án' },
  { id: 'receivedAt', label: 'Thời điểm nhận' },
  { id: 'surveyor', label: 'Người gửi' },
]

/**
 * One row per non-blank answer: the long format analysts pivot on. Free-text answers come with
 * an empty score; "don't know" has an empty score too (its score is null).
 */
export function responsesLongTable(survey: Survey, reader: ExportReader, unitFilter: (unitId: string) => boolean): ExportTable {
  const scores = new Map(survey.questions.map((q) => [q.id, new Map(q.options.map((o) => [o.value, o.score ?? null]))]))
  const source = reader.responses(survey.id, survey.version)
  function* rows(): Generator<Cell[]> {
    for (const row of source) {
      const response = parseStoredResponse(survey, JSON.parse(row.body))
      if (!unitFilter(response.unitId)) continue
      const head = [row.id, survey.id, survey.version, response.unitId, response.groupId, response.locationId, response.channel]
      for (const question of survey.questions) {
        const answer = response.answers[question.id]
        if (answer === null || answer === undefined) continue
        const score = scores.get(question.id)?.get(answer) ?? null
        yield [...head, question.id, answer, score, row.receivedAt, row.surveyor]
      }
    }
  }
  const iterator = rows()
  return {
    columns: COLUMNS,
    rows: iterator,
    close: () => {
      iterator.return(undefined)
      source.return(undefined)
      reader.close()
    },
  }
}
