import { firstProblem, problemOf, relevance, type Form } from '../questionnaire/navigation.ts'
import type { SittingUnitRecord } from './record.ts'

/**
 * Where a unit of the sitting stands: sent (read-only), waiting to be sent (asked, not yet
 * acknowledged), ready (every question asked has a valid answer: it may be sent), started, or to do.
 */
export type UnitStatus = 'sent' | 'sending' | 'ready' | 'started' | 'todo'

export function unitStatus(form: Form, unit: SittingUnitRecord): UnitStatus {
  if (unit.sentAt) return 'sent'
  if (unit.outgoing) return 'sending'
  if (firstProblem(form, unit.answers) < 0) return 'ready'
  return Object.keys(unit.answers).length > 0 ? 'started' : 'todo'
}

/** How many questions asked of this unit still stop it from being sent (blank required, bad answer). */
export function questionsLeft(form: Form, unit: SittingUnitRecord): number {
  const asked = relevance(form, unit.answers)
  return form.questions.filter((q, i) => asked[i] && problemOf(form, unit.answers, q) !== undefined).length
}
