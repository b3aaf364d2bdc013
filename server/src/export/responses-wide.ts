import { answerCell, formatMessage, otherAnswerKey, otherOption, type Label, type Survey } from '@parsurvey/shared'
import type { ResponseExport } from '../storage/response-export-store.ts'
import { RESPONSE_COLUMNS, responseTable } from './response-rows.ts'
import type { ExportColumn, ExportTable, ExportView } from './table.ts'

const HEAD: ExportColumn[] = [
  ...RESPONSE_COLUMNS,
  { id: 'startedAt', date: true },
  { id: 'submittedAt', date: true },
  { id: 'receivedAt', date: true },
  { id: 'surveyor' },
  { id: 'paperSerial' },
]

/** A question column's header for people: its id (headers stay unique) and its text. */
function questionLabel(id: string, text: Label): Required<Label> {
  return { vi: `${id} ${text.vi}`, en: `${id} ${text.en ?? text.vi}` }
}

/** The header of an "other (specify)" text column, in both languages. */
function otherLabel(id: string, text: Label): Label {
  const { vi, en } = questionLabel(id, text)
  return {
    vi: formatMessage('export-column-other', { question: vi }, 'vi'),
    en: formatMessage('export-column-other', { question: en }, 'en'),
  }
}

/**
 * One row per response of the data set's versions and one column per question any of them asks
 * (the question id in the machine header,
 * its text in the header for people). A blank answer is an empty cell; the
 * values of a multiple choice are joined with spaces; an "other" text has its own column.
 */
export function responsesWideTable(
  survey: Survey,
  versions: Survey[],
  reader: ResponseExport,
  unitFilter: (unitId: string) => boolean,
  view: ExportView,
): ExportTable {
  // The chosen version's questions, then those only other versions of the data set ask.
  const questions = new Map(survey.questions.map((q) => [q.id, q]))
  for (const version of versions) for (const q of version.questions) if (!questions.has(q.id)) questions.set(q.id, q)
  const keys = [...questions.values()].flatMap((q) =>
    otherOption(q)
      ? [
          { id: q.id, label: questionLabel(q.id, q.text) },
          { id: otherAnswerKey(q.id), label: otherLabel(q.id, q.text) },
        ]
      : [{ id: q.id, label: questionLabel(q.id, q.text) }],
  )
  const columns = [...HEAD, ...keys]
  return responseTable(survey, versions, reader, unitFilter, view, columns, (r, stored, identity) => [
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
