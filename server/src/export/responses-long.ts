import { answerCell, otherAnswerKey, type Survey } from '@parsurvey/shared'
import type { ResponseExport } from '../storage/response-export-store.ts'
import { RESPONSE_COLUMNS, responseTable } from './response-rows.ts'
import type { ExportColumn, ExportTable, ExportView } from './table.ts'

const COLUMNS: ExportColumn[] = [
  ...RESPONSE_COLUMNS,
  { id: 'questionId' },
  { id: 'answer' },
  { id: 'optionScore' },
  { id: 'receivedAt', date: true },
  { id: 'surveyor' },
]

/**
 * One row per non-blank answer: the long format analysts pivot on. Answers other than a single
 * choice come with an empty score, and so does "don't know" (its score is null); the text of an
 * "other" option is a row of its own under `<question id>:other`; a multiple choice's values are
 * joined with spaces. Each response is read with its own version's questions and scores.
 */
export function responsesLongTable(
  survey: Survey,
  versions: Survey[],
  reader: ResponseExport,
  unitFilter: (unitId: string) => boolean,
  view: ExportView,
): ExportTable {
  const scoresOf = new Map(
    versions.map((v) => [
      v,
      new Map(v.questions.map((q) => [q.id, new Map(q.options.map((o) => [o.value, o.score ?? null]))])),
    ]),
  )
  return responseTable(survey, versions, reader, unitFilter, view, COLUMNS, function* (response, stored, identity, v) {
    const scores = scoresOf.get(v)
    for (const question of v.questions) {
      for (const key of [question.id, otherAnswerKey(question.id)]) {
        const answer = answerCell(response.answers[key])
        if (answer === null) continue
        const score = typeof answer === 'string' && key === question.id ? (scores?.get(key)?.get(answer) ?? null) : null
        yield [...identity, key, answer, score, stored.receivedAt, stored.surveyor]
      }
    }
  })
}
