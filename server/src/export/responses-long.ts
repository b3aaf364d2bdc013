import type { Survey } from '@parsurvey/shared'
import type { ExportReader } from '../db/export-reader.ts'
import { RESPONSE_COLUMNS, responseTable } from './response-rows.ts'
import type { ExportTable } from './table.ts'

const COLUMNS = [
  ...RESPONSE_COLUMNS,
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
export function responsesLongTable(
  survey: Survey,
  reader: ExportReader,
  unitFilter: (unitId: string) => boolean,
): ExportTable {
  const scores = new Map(survey.questions.map((q) => [q.id, new Map(q.options.map((o) => [o.value, o.score ?? null]))]))
  return responseTable(survey, reader, unitFilter, COLUMNS, function* (response, stored, identity) {
    for (const question of survey.questions) {
      const answer = response.answers[question.id]
      if (answer === null || answer === undefined) continue
      const score = scores.get(question.id)?.get(answer) ?? null
      yield [...identity, question.id, answer, score, stored.receivedAt, stored.surveyor]
    }
  })
}
