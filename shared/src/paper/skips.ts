import type { Expr, Value } from '../expression/ast.ts'
import { holds } from '../expression/evaluate.ts'
import { isSingleChoice } from '../survey/question-kind.ts'
import type { Question } from '../survey/schema.ts'

/** Where choosing an option sends the respondent: a question's number on the form, or the end. */
export type SkipTarget = number | 'end'

/** One question of a printed form in its order: its parsed `relevant`, and its number (notes have none). */
export type FormEntry = { question: Question; relevant: Expr | undefined; number: number | null }

const UNDECIDED = Symbol('undecided')

/**
 * The classic paper skip ("Nếu chọn «Không», chuyển sang câu 7") of each option of the single
 * choice at `index`, derived from the `relevant` of the questions after it: with only that
 * option known, the questions that follow are worked out in order while their relevance is
 * decided by it alone (their references are to this question, to questions already found not
 * asked, or to questions not on this form, which are blank). The run of questions found not
 * asked is skipped; it stops at the first question that is asked or that depends on anything
 * else. An option gets a target only when the run skips at least one numbered question.
 */
export function skipTargets(entries: readonly FormEntry[], index: number): Map<string, SkipTarget> {
  const targets = new Map<string, SkipTarget>()
  const here = entries[index]
  if (!here || !isSingleChoice(here.question)) return targets
  const onForm = new Set(entries.map((e) => e.question.id))
  const nextNumbered = entries.slice(index + 1).find((e) => e.number !== null)?.number ?? 'end'
  for (const option of here.question.options) {
    const notAsked = new Set<string>()
    const ref = (name: string): Value => {
      if (name === here.question.id) return option.value
      if (notAsked.has(name) || !onForm.has(name)) return ''
      throw UNDECIDED
    }
    let stop = index + 1
    for (; stop < entries.length; stop++) {
      const { question, relevant } = entries[stop]!
      if (!relevant || decided(relevant, ref) !== false) break
      notAsked.add(question.id)
    }
    const target = entries.slice(stop).find((e) => e.number !== null)?.number ?? 'end'
    if (target !== nextNumbered) targets.set(option.value, target)
  }
  return targets
}

/** The truth of `relevant` when the references it meets are known, else undefined. */
function decided(relevant: Expr, ref: (name: string) => Value): boolean | undefined {
  try {
    return holds(relevant, { ref, current: '' })
  } catch (error) {
    if (error === UNDECIDED) return undefined
    throw error
  }
}
