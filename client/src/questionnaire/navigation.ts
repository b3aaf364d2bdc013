import {
  isBlank,
  isSingleChoice,
  OTHER_SUFFIX,
  otherAnswerKey,
  otherOption,
  questionIssue,
  responseLogic,
  withoutIrrelevant,
  type AnswerValue,
  type Channel,
  type Question,
  type ResponseIssue,
  type Survey,
} from '@parsurvey/shared'

/**
 * The questionnaire as a pure state machine over a cursor: 0…n-1 is one of the group's
 * questions, n is the review screen. A question whose `relevant` is false is skipped both ways;
 * the cursor keeps its index among all the group's questions, so it stays put when another
 * question appears or disappears. The Vue pages only render what these functions return.
 */

export type Answers = Record<string, AnswerValue>

/** Where the screen stands: question `current` of the `total` asked, or the review step. */
export type Position = { current: number; total: number; review: boolean }

/** One questionnaire being filled: the questions asked of its group, and how it is collected. */
export type Form = { survey: Survey; groupId: string; channel: Channel; questions: Question[] }

export type Move = { ok: true; cursor: number } | { ok: false; blockedBy: string }

/** The questions asked of `groupId`, in the order of the survey. */
export function questionsFor(survey: Survey, groupId: string): Question[] {
  return survey.questions.filter((q) => q.groups.includes(groupId))
}

export function formOf(survey: Survey, groupId: string, channel: Channel): Form {
  return { survey, groupId, channel, questions: questionsFor(survey, groupId) }
}

/** Whether each question of the form (by index) is asked, given the answers so far. */
export function relevance(form: Form, answers: Answers): boolean[] {
  const logic = responseLogic(form.survey, form.groupId, answers)
  return form.questions.map((q) => logic.isRelevant(q.id))
}

/** An answer that counts: a known option, ticked options, a number, a non-blank text. */
export function isAnswered(question: Question, answers: Answers): boolean {
  const value = answers[question.id]
  if (isBlank(value)) return false
  return isSingleChoice(question) ? question.options.some((o) => o.value === value) : true
}

/** Why the questionnaire cannot leave `question` (the server's own rule, shared/), if it cannot. */
export function problemOf(form: Form, answers: Answers, question: Question): ResponseIssue | undefined {
  return questionIssue(form.survey, form.groupId, form.channel, answers, question)
}

/** The screen `cursor` shows: its question when asked, else the next one asked, else the review. */
export function shownCursor(form: Form, answers: Answers, cursor: number): number {
  return shownAmong(relevance(form, answers), cursor)
}

/** `shownCursor` given the relevance already worked out (`asked`, by question index). */
export function shownAmong(asked: boolean[], cursor: number): number {
  const from = clampCursor(cursor, asked.length)
  const found = asked.findIndex((yes, i) => yes && i >= from)
  return found < 0 ? asked.length : found
}

/** Forward to the next question asked, unless the one on screen has a problem (blank required, constraint…). */
export function next(form: Form, answers: Answers, cursor: number): Move {
  const here = shownCursor(form, answers, cursor)
  const question = form.questions[here]
  if (question && problemOf(form, answers, question)) return { ok: false, blockedBy: question.id }
  return { ok: true, cursor: shownCursor(form, answers, here + 1) }
}

/** Back to the previous question asked (or stays on the first). */
export function previous(form: Form, answers: Answers, cursor: number): number {
  const asked = relevance(form, answers)
  for (let i = Math.min(cursor, asked.length) - 1; i >= 0; i--) if (asked[i]) return i
  return shownCursor(form, answers, 0)
}

/** Index of the first question asked that has a problem, or -1 when the response can be finished. */
export function firstProblem(form: Form, answers: Answers): number {
  const asked = relevance(form, answers)
  return form.questions.findIndex((q, i) => asked[i] && problemOf(form, answers, q) !== undefined)
}

/**
 * "Câu 3/12": the number of the question on screen (`here`, from `shownAmong`) among those asked,
 * given the relevance already worked out (the review counts as past the last).
 */
export function positionAmong(asked: boolean[], here: number): Position {
  const total = asked.filter(Boolean).length
  const before = asked.slice(0, here).filter(Boolean).length
  return { current: Math.min(before + 1, total), total, review: here === asked.length }
}

/** A cursor restored from storage, kept inside the questionnaire even if the survey changed. */
export function clampCursor(cursor: number, total: number): number {
  if (!Number.isInteger(cursor) || cursor < 0) return 0
  return Math.min(cursor, total)
}

/** Whether the text of the question's "other" option goes with the answer (the option is chosen). */
function otherChosen(question: Question, answer: AnswerValue | undefined): boolean {
  const other = otherOption(question)
  if (!other) return false
  return Array.isArray(answer) ? answer.includes(other.value) : answer === other.value
}

/** The answers still meant: those of questions asked, and "other" texts whose option is chosen. */
function kept(form: Form, answers: Answers): Answers {
  const result = withoutIrrelevant(form.survey, form.groupId, answers)
  const byId = new Map(form.questions.map((q) => [q.id, q]))
  for (const key of Object.keys(result)) {
    if (!key.endsWith(OTHER_SUFFIX)) continue
    const question = byId.get(key.slice(0, -OTHER_SUFFIX.length))
    if (!question || !otherChosen(question, result[question.id])) delete result[key]
  }
  return result
}

/**
 * Answers a change made stale, to clear from the draft: those of questions no longer asked, and
 * the text of an "other" option no longer chosen.
 */
export function staleKeys(form: Form, answers: Answers): string[] {
  const still = kept(form, answers)
  return Object.keys(answers).filter((key) => !(key in still))
}

/** The answers to send: questions asked (relevant), blanks dropped, texts trimmed. */
export function answersToSend(form: Form, answers: Answers): Answers {
  const still = kept(form, answers)
  const out: Answers = {}
  const trim = (value: AnswerValue | undefined) => (typeof value === 'string' ? value.trim() : (value ?? null))
  for (const q of form.questions) {
    if (isAnswered(q, still)) out[q.id] = trim(still[q.id])
    const other = otherAnswerKey(q.id)
    if (!isBlank(still[other])) out[other] = trim(still[other])
  }
  return out
}

/** Sections are one rule with the printed form (shared/src/survey/sections.ts). */
export { domainIndex, sectionOf, type Section } from '@parsurvey/shared'
