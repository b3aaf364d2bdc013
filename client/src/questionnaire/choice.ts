import { isSingleChoice, type AnswerValue, type Question } from '@parsurvey/shared'

/** The options an answer has picked: the one of a single choice, the ticked ones of several. */
export function chosenOptions(answer: AnswerValue | undefined): readonly string[] {
  if (Array.isArray(answer)) return answer
  return typeof answer === 'string' ? [answer] : []
}

/**
 * The answer after a tap on `value`: that option for a single choice; for several, the option
 * ticked or unticked, the ticked ones kept in the order of the question's options.
 */
export function toggleOption(question: Question, answer: AnswerValue | undefined, value: string): AnswerValue {
  if (isSingleChoice(question)) return value
  const chosen = chosenOptions(answer)
  const next = chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value]
  return question.options.map((o) => o.value).filter((v) => next.includes(v))
}
