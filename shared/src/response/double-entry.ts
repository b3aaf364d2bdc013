import type { AnswerValue, Response } from './schema.ts'

/**
 * Double entry of paper forms: when a survey asks for it, every paper form is keyed twice and a
 * form counts only once two keyings agree (or a supervisor settles them). These are the rules the
 * server applies and the review page shows; see docs/paper-forms.md.
 */

/** Where two keyings of the same form may differ: the form's header or one question's answer. */
export type KeyingDifference =
  | { kind: 'header'; field: 'surveyVersion' | 'unitId' | 'groupId' | 'locationId' }
  | { kind: 'answer'; questionId: string }

const HEADER_FIELDS = ['surveyVersion', 'unitId', 'groupId', 'locationId'] as const

/** `q1:other` belongs to question `q1`: an "other, specify" text differs with its question. */
export const answerQuestionId = (key: string): string => {
  const at = key.indexOf(':')
  return at === -1 ? key : key.slice(0, at)
}

/** Answers are equal when their JSON is: multiple choices compare as sets, texts as trimmed. */
function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  const norm = (v: AnswerValue | undefined): string => {
    if (v === undefined || v === null) return 'null'
    if (Array.isArray(v)) return JSON.stringify([...v].map(String).sort())
    if (typeof v === 'string') return JSON.stringify(v.trim())
    return JSON.stringify(v)
  }
  return norm(a) === norm(b)
}

/**
 * What differs between two keyings of one paper form: header fields first, then each question
 * (in the order of `questionOrder`, then any other answer key) whose answer or "other" text differs.
 * An empty list means the keyings agree and the form counts once. Ids, timestamps, the serial as
 * typed and the device are not compared: they differ between two keyings by nature.
 */
export function compareKeyings(a: Response, b: Response, questionOrder: readonly string[] = []): KeyingDifference[] {
  const differences: KeyingDifference[] = []
  for (const field of HEADER_FIELDS) {
    if ((a[field] ?? null) !== (b[field] ?? null)) differences.push({ kind: 'header', field })
  }
  const keys = new Set([...Object.keys(a.answers), ...Object.keys(b.answers)])
  const questions = new Set<string>()
  for (const key of keys) {
    if (!sameAnswer(a.answers[key], b.answers[key])) questions.add(answerQuestionId(key))
  }
  const ordered = [
    ...questionOrder.filter((q) => questions.has(q)),
    ...[...questions].filter((q) => !questionOrder.includes(q)).sort(),
  ]
  for (const questionId of ordered) differences.push({ kind: 'answer', questionId })
  return differences
}

/**
 * The settled form: `base` (one keying) with, for each question in `picks`, the answer (and its
 * "other" text) taken from the keying named there. A question picked from a keying that left it
 * blank is blank in the result.
 */
export function mergeKeyings(base: Response, picks: Record<string, Response>): Response {
  const answers: Record<string, AnswerValue> = { ...base.answers }
  for (const [questionId, from] of Object.entries(picks)) {
    for (const key of Object.keys(answers)) if (answerQuestionId(key) === questionId) delete answers[key]
    for (const [key, value] of Object.entries(from.answers)) {
      if (answerQuestionId(key) === questionId) answers[key] = value
    }
  }
  return { ...base, answers }
}
