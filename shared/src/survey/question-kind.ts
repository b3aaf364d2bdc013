import type { Option, Question } from './schema.ts'

/**
 * What each question type means, in one place for the validator, the questionnaire, scoring
 * and exports. The answer shapes are those of responses (surveys/README.md, "Answers").
 */

/** One option picked (`single`, held as its older name `choice`). Only these can be scored. */
export function isSingleChoice(question: Pick<Question, 'type'>): boolean {
  return question.type === 'choice'
}

/** A question feeds the score when it is a single-choice question mapped to a criterion. */
export function isScored(question: Pick<Question, 'type' | 'criterion'>): boolean {
  return question.criterion !== undefined && isSingleChoice(question)
}

/** Questions answered by picking options (and so the ones that have options). */
export function hasOptions(question: Pick<Question, 'type'>): boolean {
  return isSingleChoice(question) || question.type === 'multiple'
}

/** A note only shows text: it takes no answer and is never required. */
export function isAnswerable(question: Pick<Question, 'type'>): boolean {
  return question.type !== 'note'
}

/**
 * Whether a relevant question must be answered before the response is submitted (the one rule
 * used by the questionnaire, the respondent page and the server): what the survey says, and
 * when it says nothing, scored questions are required and the others (profile, comments, new
 * types) are not — the default every survey written before question types already had.
 */
export function isRequired(question: Pick<Question, 'type' | 'required' | 'criterion'>): boolean {
  if (!isAnswerable(question)) return false
  return question.required ?? question.criterion !== undefined
}

/** The option that asks for a short text ("Khác (ghi rõ)"), if the question has one. */
export function otherOption(question: Pick<Question, 'options'>): Option | undefined {
  return question.options.find((option) => option.other === true)
}

/** Where a response keeps the text of an `other` option: `answers["q7:other"]`. */
export function otherAnswerKey(questionId: string): string {
  return `${questionId}${OTHER_SUFFIX}`
}

export const OTHER_SUFFIX = ':other'

/** An answer as a response holds it (surveys/README.md, "Answers"); null or absent is blank. */
export type Answer = string | number | readonly string[] | null

/** Blank: absent, null, a text of spaces or no option ticked. A number (0 included) is never blank. */
export function isBlank(answer: Answer | undefined): boolean {
  if (answer === null || answer === undefined) return true
  if (typeof answer === 'number') return false
  if (typeof answer === 'string') return answer.trim() === ''
  return answer.length === 0
}

/** An answer as one export cell: a number stays a number, options of a multiple choice join with spaces (as XLSForm). */
export function answerCell(answer: Answer | undefined): string | number | null {
  if (answer === null || answer === undefined) return null
  return typeof answer === 'string' || typeof answer === 'number' ? answer : answer.join(' ')
}
