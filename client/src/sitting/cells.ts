import { hasOptions, isBlank, otherAnswerKey, otherOption, type Question, type ResponseIssue } from '@parsurvey/shared'
import { chosenOptions } from '../questionnaire/choice.ts'
import { problemOf, relevance, type Form } from '../questionnaire/navigation.ts'
import type { SittingRecord } from './record.ts'

/**
 * What one unit's column of the grid shows for one question: whether it is asked of this unit
 * (skip logic runs on each unit's own answers), and the problem of an answer already given (a
 * constraint, a range, an "other" left blank). A blank required question is not flagged here:
 * the unit is simply not ready to send, and its column says how many are left.
 */
export type Cell = { asked: boolean; problem: ResponseIssue | null; otherOpen: boolean }

export function gridCells(form: Form, record: SittingRecord, unitIds: string[]): Record<string, Cell[]> {
  const out: Record<string, Cell[]> = {}
  for (const unitId of unitIds) {
    const answers = record.units[unitId]?.answers ?? {}
    const asked = relevance(form, answers)
    out[unitId] = form.questions.map((q, i) => {
      const shown = asked[i] === true
      const given = !isBlank(answers[q.id]) || !isBlank(answers[otherAnswerKey(q.id)])
      return {
        asked: shown,
        problem: shown && given ? (problemOf(form, answers, q) ?? null) : null,
        otherOpen: shown && otherChosen(q, answers[q.id]),
      }
    })
  }
  return out
}

function otherChosen(question: Question, answer: Parameters<typeof chosenOptions>[0]): boolean {
  const other = otherOption(question)
  return other !== undefined && chosenOptions(answer).includes(other.value)
}

/** Whether a question gets option rows in the grid (a radio or checkbox per unit), else one row of inputs. */
export const optionRows = (question: Question): boolean => hasOptions(question)
