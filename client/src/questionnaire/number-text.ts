import type { AnswerValue } from '@parsurvey/shared'

const WHOLE = /^-?\d+$/
/** A decimal comma (Vietnamese) or point; one of them, never a thousands separator. */
const DECIMAL = /^-?\d+(?:[.,]\d+)?$/

/**
 * What was typed in a number box, as the draft keeps it: a number when it reads as one, null
 * when blank, and otherwise the text itself, which the shared check refuses ("type a number") so
 * that nothing typed is silently lost. A whole-number question takes digits only: "1.000" is one
 * thousand to a Vietnamese reader and one to JavaScript, so it is refused rather than guessed.
 */
export function readNumber(text: string, decimal: boolean): number | string | null {
  const compact = text.replace(/\s+/g, '')
  if (compact === '') return null
  if (!(decimal ? DECIMAL : WHOLE).test(compact)) return text
  const value = Number(compact.replace(',', '.'))
  return Number.isFinite(value) ? value : text
}

/** The text a number box shows for a kept answer (a decimal with a comma in Vietnamese). */
export function numberText(answer: AnswerValue | undefined, locale: string): string {
  if (typeof answer === 'number') return locale === 'vi' ? String(answer).replace('.', ',') : String(answer)
  return typeof answer === 'string' ? answer : ''
}
