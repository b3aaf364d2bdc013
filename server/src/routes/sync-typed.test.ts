import type { AnswerValue, SyncReply } from '@parsurvey/shared'
import { makeTypedSurvey, TYPED_BASE_ANSWERS, TYPED_REFUSALS, TYPED_VALID_ANSWERS } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

/**
 * Responses to a survey with every question type and skip logic (issue 16): the server stores a
 * valid one and refuses, each with its own receipt naming the question, one that answers a
 * question not asked, breaks a constraint, gives an answer of the wrong type or leaves a relevant
 * required question blank; the others of the batch are stored all the same.
 */
let t: TestApp
beforeEach(async () => {
  t = await startTestApp({ surveys: [makeTypedSurvey()] })
})
afterEach(() => t.close())

const typed = (answers: Record<string, AnswerValue>) =>
  makeResponse({
    surveyId: 'test-2025-typed',
    groupId: 'citizen',
    answers: { ...TYPED_BASE_ANSWERS, ...answers },
  })
const sync = async (responses: unknown[], language: string) => {
  const res = await t.request('/api/sync', {
    json: { responses },
    as: 'surveyor',
    headers: { 'accept-language': language },
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as SyncReply).results
}
const stored = () => t.db.prepare('SELECT id FROM responses').pluck().all() as string[]

describe('POST /api/sync with question types and skip logic', () => {
  const valid = typed(TYPED_VALID_ANSWERS)
  // One refusal of each kind, as the rule's own tests check them (shared/src/survey/fixtures-typed.ts).
  const refused = TYPED_REFUSALS

  it('stores the valid response and refuses each broken one with its code and field, in Vietnamese', async () => {
    const bad = refused.map(({ answers }) => typed(answers))
    const results = await sync([bad[0], valid, ...bad.slice(1)], 'vi')
    expect(results.map((r) => r.status)).toEqual(['rejected', 'stored', ...bad.slice(1).map(() => 'rejected')])
    const receipts = [results[0]!, ...results.slice(2)]
    receipts.forEach((receipt, i) => {
      const { why, code, field } = refused[i]!
      expect(receipt.error, why).toMatchObject({ code, field })
    })
    expect(receipts[1]!.error!.message).toBe('Câu "ways": Chọn tối đa 2 cách.')
    for (const receipt of receipts) expect(receipt.error!.message).toMatch(/[ăâđêôơưạảấầẩậắằặẹẻếềểệọỏốồổộớờởợụủứừửự]/)
    expect(stored()).toEqual([valid.id])
  })

  it('says the same in English', async () => {
    const [receipt] = await sync([typed(refused[1]!.answers)], 'en')
    expect(receipt!.error).toMatchObject({
      code: 'response-constraint-message',
      message: 'Question "ways": Pick at most 2.',
    })
    expect(stored()).toEqual([])
  })
})
