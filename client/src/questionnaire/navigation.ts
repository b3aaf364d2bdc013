import { isRequired, type Criterion, type Label, type Question, type Survey } from '@parsurvey/shared'

/**
 * The questionnaire as a pure state machine over a cursor: 0…n-1 is a question on screen,
 * n is the review screen. The Vue pages only render what these functions return.
 */

export type Answers = Record<string, string | null>

/** The heading a question sits under: its domain (root criterion), or the respondent profile. */
export type Section = { kind: 'domain'; id: string; label: Label } | { kind: 'profile' }

export type Move = { ok: true; cursor: number } | { ok: false; blockedBy: string }

/** The questions asked of `groupId`, in the order of the survey. */
export function questionsFor(survey: Survey, groupId: string): Question[] {
  return survey.questions.filter((q) => q.groups.includes(groupId))
}

export function isAnswered(question: Question, answers: Answers): boolean {
  const value = answers[question.id]
  if (value === undefined || value === null) return false
  if (question.type === 'text') return value.trim() !== ''
  return question.options.some((o) => o.value === value)
}

/** Maps every criterion id to the domain at the root of its branch. */
export function domainIndex(criteria: Criterion[]): Map<string, Criterion> {
  const index = new Map<string, Criterion>()
  const walk = (node: Criterion, root: Criterion) => {
    index.set(node.id, root)
    for (const child of node.children ?? []) walk(child, root)
  }
  for (const root of criteria) walk(root, root)
  return index
}

export function sectionOf(question: Question, domains: Map<string, Criterion>): Section {
  const domain = question.criterion === undefined ? undefined : domains.get(question.criterion)
  return domain ? { kind: 'domain', id: domain.id, label: domain.label } : { kind: 'profile' }
}

/** Forward one step, unless the question on screen is required and still blank. */
export function next(questions: Question[], answers: Answers, cursor: number): Move {
  const question = questions[cursor]
  if (question && isRequired(question) && !isAnswered(question, answers)) return { ok: false, blockedBy: question.id }
  return { ok: true, cursor: Math.min(cursor + 1, questions.length) }
}

export function previous(cursor: number): number {
  return Math.max(0, cursor - 1)
}

/** Index of the first required question left blank, or -1 when the response can be finished. */
export function firstMissing(questions: Question[], answers: Answers): number {
  return questions.findIndex((q) => isRequired(q) && !isAnswered(q, answers))
}

/** "Câu 3/12": the question number on screen (the review screen counts as past the last). */
export function progress(cursor: number, total: number): { current: number; total: number; review: boolean } {
  const safe = clampCursor(cursor, total)
  return { current: Math.min(safe + 1, total), total, review: safe === total }
}

/** A cursor restored from storage, kept inside the questionnaire even if the survey changed. */
export function clampCursor(cursor: number, total: number): number {
  if (!Number.isInteger(cursor) || cursor < 0) return 0
  return Math.min(cursor, total)
}

/** The answers to send: only questions asked of this group, blanks dropped. */
export function answersToSend(questions: Question[], answers: Answers): Answers {
  const kept: Answers = {}
  for (const q of questions) {
    if (isAnswered(q, answers)) kept[q.id] = q.type === 'text' ? (answers[q.id] ?? '').trim() : (answers[q.id] ?? null)
  }
  return kept
}
