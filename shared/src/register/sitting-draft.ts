import { z } from 'zod'
import type { SittingDraftBody } from '../api/sitting.ts'
import { SITTING_DRAFT_MAX_BYTES } from '../api/sitting.ts'
import { draftAnswerIssues, responseIssue, type ResponseIssue } from '../response/answer-issues.ts'
import { answerKeySchema, answerSchema } from '../response/schema.ts'
import { formatPath } from '../survey/issue.ts'
import { RESERVED_IDS, type Survey } from '../survey/schema.ts'

const answersSchema = z.record(answerKeySchema, answerSchema)

export type SittingDraftCheck = { ok: true; draft: SittingDraftBody } | { ok: false; issue: ResponseIssue }

/**
 * A sitting's draft for one unit checked against the survey: `{ answers }`, each key a question
 * asked of the group (or its "other" text), each value of its question's type, at most
 * SITTING_DRAFT_MAX_BYTES. Blank required questions are fine: the unit is not finished yet.
 */
export function checkSittingDraft(survey: Survey, groupId: string, body: unknown): SittingDraftCheck {
  const fail = (issue: ResponseIssue): SittingDraftCheck => ({ ok: false, issue })
  const answers = body !== null && typeof body === 'object' ? (body as { answers?: unknown }).answers : undefined
  if (answers === undefined) return fail(responseIssue('response-required-field', 'answers'))
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers))
    return fail(responseIssue('response-invalid-field', 'answers', { reason: 'must be an object' }))
  const reserved = Object.keys(answers).find((key) => RESERVED_IDS.has(key))
  if (reserved !== undefined)
    return fail(responseIssue('response-reserved-answer-key', `answers.${reserved}`, { key: reserved }))
  const bytes = utf8Length(JSON.stringify(answers))
  if (bytes > SITTING_DRAFT_MAX_BYTES)
    return fail(responseIssue('sitting-draft-too-large', 'answers', { bytes, limit: SITTING_DRAFT_MAX_BYTES }))
  const parsed = answersSchema.safeParse(answers)
  if (!parsed.success) {
    const [first] = parsed.error.issues
    const field = formatPath(['answers', ...(first?.path ?? [])])
    return fail(responseIssue('response-invalid-field', field, { reason: first?.message ?? '' }))
  }
  const clean = Object.assign(Object.create(null) as SittingDraftBody['answers'], parsed.data)
  const [issue] = draftAnswerIssues(survey, groupId, clean)
  return issue ? fail(issue) : { ok: true, draft: { answers: clean } }
}

/** Bytes of `text` in UTF-8 (shared/ runs without DOM or Node types). */
function utf8Length(text: string): number {
  let bytes = 0
  for (const char of text) {
    const point = char.codePointAt(0)!
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4
  }
  return bytes
}
