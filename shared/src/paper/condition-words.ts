import type { CompareOp, Expr } from '../expression/ast.ts'
import { formatMessage, type Locale } from '../errors/messages/index.ts'
import { labelIn } from '../results/labels.ts'
import { hasOptions } from '../survey/question-kind.ts'
import type { Question } from '../survey/schema.ts'

/** The printed form's view of the survey's questions: each one and its number on the form, if it has one. */
export type NumberedQuestions = ReadonlyMap<string, { question: Question; number: number | null }>

const FLIP: Record<CompareOp, CompareOp> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' }

/**
 * A `relevant` expression said in words for the printed form ("câu 3 trả lời «Có» và …"):
 * references become "câu N" (the question's number on this form, else its id), a compared or
 * `selected` option value its label. Every expression of the grammar has words, so a condition
 * is never left out of the paper; the words follow the expression's structure, parentheses
 * kept where `and` and `or` mix.
 */
export function conditionWords(expr: Expr, questions: NumberedQuestions, locale: Locale): string {
  const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, locale)
  const refName = (name: string) => {
    const number = questions.get(name)?.number
    return say('paper-ref', { number: number ?? name })
  }
  /** The label of option `value` of the referenced question when it has one, else the value quoted. */
  const optionName = (ref: Expr, value: Expr): string | undefined => {
    if (ref.kind !== 'ref' || value.kind !== 'string') return undefined
    const question = questions.get(ref.name)?.question
    if (!question || !hasOptions(question)) return undefined
    const option = question.options.find((o) => o.value === value.value.trim())
    return option ? labelIn(option.label, locale) : undefined
  }
  const operand = (e: Expr): string => {
    switch (e.kind) {
      case 'ref':
        return refName(e.name)
      case 'current':
        return '.'
      case 'string':
        return say('paper-quoted', { text: e.value })
      case 'number':
        return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(e.value)
      case 'negate':
        return `-${operand(e.arg)}`
      case 'count-selected':
        return say('paper-count-selected', { question: operand(e.list) })
      default:
        return words(e)
    }
  }
  const compare = (op: CompareOp, left: Expr, right: Expr): string => {
    if (left.kind !== 'ref' && right.kind === 'ref') return compare(FLIP[op], right, left)
    const option = optionName(left, right)
    if (option !== undefined && (op === '=' || op === '!=')) {
      return say(op === '=' ? 'paper-chose' : 'paper-not-chose', { question: operand(left), option })
    }
    return say(`paper-op-${op}`, { left: operand(left), right: operand(right) })
  }
  const grouped = (e: Expr, parent: 'and' | 'or') =>
    (e.kind === 'and' || e.kind === 'or') && e.kind !== parent ? `(${words(e)})` : words(e)
  const words = (e: Expr): string => {
    switch (e.kind) {
      case 'and':
      case 'or':
        return `${grouped(e.left, e.kind)} ${say(`paper-${e.kind}`)} ${grouped(e.right, e.kind)}`
      case 'not':
        if (e.arg.kind === 'selected') return selected(e.arg, false)
        return say('paper-not', { condition: words(e.arg) })
      case 'compare':
        return compare(e.op, e.left, e.right)
      case 'selected':
        return selected(e, true)
      case 'ref':
        return say('paper-answered', { question: refName(e.name) })
      default:
        return operand(e)
    }
  }
  const selected = (e: Extract<Expr, { kind: 'selected' }>, yes: boolean) => {
    const option = optionName(e.list, e.value) ?? (e.value.kind === 'string' ? e.value.value : operand(e.value))
    return say(yes ? 'paper-selected' : 'paper-not-selected', { question: operand(e.list), option })
  }
  return words(expr)
}
