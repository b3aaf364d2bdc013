import {
  answerCell,
  otherAnswerKey,
  paperForm,
  type AnswerValue,
  type Locale,
  type PaperFormDetail,
  type PaperFormResolveRequest,
  type PaperQuestion,
  type Question,
  type Response,
  type Survey,
} from '@parsurvey/shared'

/**
 * The keyings of one paper form side by side, as the supervisor holding the paper reads them:
 * each question with the number printed on the form, and per keying the option as printed
 * ("2. Tốt"), so the paper and the screen are compared by the same numbers.
 */
export type PaperFormRow = {
  questionId: string
  /** "Câu 3" on the printed form of the first keying's group; null outside that group. */
  number: number | null
  text: string
  /** One per keying, in keying order: what was keyed, or null when left blank. */
  answers: (string | null)[]
  /** The keyings disagree on this question (the server's comparison). */
  differs: boolean
}

/** The header fields two keyings may disagree on (compareKeyings in shared). */
export type HeaderField = 'surveyVersion' | 'unitId' | 'groupId' | 'locationId'

/** Questions on which some keying differs from the first, in survey order (from the server's reply). */
export function differingQuestions(detail: PaperFormDetail): string[] {
  const ids = new Set<string>()
  for (const later of detail.differences)
    for (const d of later.differences) if (d.kind === 'answer') ids.add(d.questionId)
  return [...ids]
}

/** Header fields on which some keying differs from the first. */
export function differingHeader(detail: PaperFormDetail): HeaderField[] {
  const fields = new Set<HeaderField>()
  for (const later of detail.differences)
    for (const d of later.differences) if (d.kind === 'header') fields.add(d.field)
  return [...fields]
}

function keyedText(
  question: Question,
  printed: PaperQuestion | undefined,
  label: (q: Question, index: number) => string,
  value: AnswerValue | undefined,
  other: AnswerValue | undefined,
): string | null {
  const cell = answerCell(value)
  const otherText = typeof other === 'string' && other.trim() !== '' ? other.trim() : null
  if (cell === null && otherText === null) return null
  let text: string
  if (question.options.length > 0 && value !== undefined && value !== null) {
    const values = Array.isArray(value) ? value : [value]
    text = values
      .map((v) => {
        const index = question.options.findIndex((o) => o.value === v)
        if (index === -1) return String(v)
        return `${printed?.options[index]?.key ?? index + 1}. ${label(question, index)}`
      })
      .join('; ')
  } else text = cell === null ? '' : String(cell).trim() // texts compare trimmed (compareKeyings)
  return otherText === null ? text : `${text} — «${otherText}»`.replace(/^ — /, '')
}

/**
 * The form's rows: every answerable question of the first keying's group (and any other question
 * a keying answered), in survey order. `onlyDiffering` keeps the questions the keyings disagree on.
 */
export function paperFormRows(
  survey: Survey,
  detail: PaperFormDetail,
  locale: Locale,
  localized: (label: Question['text']) => string,
  onlyDiffering = false,
): PaperFormRow[] {
  const keyings: Response[] = detail.keyingsDetail.map((k) => k.response)
  const first = keyings[0]
  const printed = new Map<string, PaperQuestion>()
  if (first && survey.groups.some((g) => g.id === first.groupId)) {
    for (const section of paperForm(survey, first.groupId, null, locale).sections)
      for (const item of section.items) if (item.kind === 'question') printed.set(item.id, item)
  }
  const differing = new Set(differingQuestions(detail))
  const label = (q: Question, index: number) => localized(q.options[index]!.label)
  return survey.questions
    .filter((q) => printed.has(q.id) || keyings.some((k) => q.id in k.answers || otherAnswerKey(q.id) in k.answers))
    .filter((q) => !onlyDiffering || differing.has(q.id))
    .map((q) => ({
      questionId: q.id,
      number: printed.get(q.id)?.number ?? null,
      text: localized(q.text),
      answers: keyings.map((k) =>
        keyedText(q, printed.get(q.id), label, k.answers[q.id], k.answers[otherAnswerKey(q.id)]),
      ),
      differs: differing.has(q.id),
    }))
}

/**
 * What to post to settle the form: the `base` keying (its header and answers), and for each
 * differing question picked from another keying, that keying's number. Null when a differing
 * question has no pick yet (the supervisor must decide every difference).
 */
export function resolveRequest(
  detail: PaperFormDetail,
  base: number,
  picks: Readonly<Record<string, number | undefined>>,
  reason: string,
): PaperFormResolveRequest | null {
  const chosen: Record<string, number> = {}
  for (const questionId of differingQuestions(detail)) {
    const keying = picks[questionId]
    if (keying === undefined) return null
    if (keying !== base) chosen[questionId] = keying
  }
  return { base, picks: chosen, reason }
}
