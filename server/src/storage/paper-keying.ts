import { paperSerialKey, type PaperEntryReceipt, type Response, type Survey } from '@parsurvey/shared'
import { effectiveBody } from '../db/review.ts'
import { HELD, keyingDecision, MATCHED } from '../paper/double-entry.ts'
import { placedDelta, type Place, type ReviewChange } from '../review/review-delta.ts'
import { addProgressRows, addScoringRows } from './aggregate-rows.ts'
import type { Storage } from './open-storage.ts'
import { paperFormStore } from './paper-form-store.ts'
import { reviewReads } from './review-store.ts'
import { bumpScoreInputs } from './score-inputs.ts'
import { surveyDefinitions } from './survey-definitions.ts'
import type { Tx } from './transactions.ts'

/** A paper response the storing transaction has just inserted, to key as its form's next keying. */
export type NewKeying = { survey: Survey; response: Response; body: string; at: string; receivedBy: number | null }

type Change = ReviewChange & { place: Place }

/**
 * Double entry on the async boundary (docs/paper-forms.md), inside the response store's
 * transaction (response-store.ts), as paper/double-entry.ts's `keyPaperForm` does it on SQLite and
 * deciding with the same `keyingDecision`: each new keying is numbered on its form, held (voided,
 * `paper-entry-held`) and taken out of the aggregates, and a form it matches restores and counts
 * the earlier keying it agrees with. With several servers:
 *
 * - `openForm` creates the form or takes its row lock, so keyings of one form are numbered and
 *   compared one after the other; the forms are opened in serial order, so two transactions
 *   keying the same forms wait for each other rather than deadlock;
 * - the aggregate delta of all keyings is one merged, sorted set of rows per survey version
 *   (`placedDelta`), written after every form is locked: aggregate rows are locked in one order;
 * - the storing transaction holds the shared fold lock, so a rebuild never runs between the read
 *   of an earlier keying and the delta (a later fold adds the held keying, which the delta took
 *   out: it counts once it is matched).
 *
 * Returns each keying's receipt, by response id.
 */
export async function keyPaperForms(
  storage: Storage,
  trx: Tx,
  keyings: NewKeying[],
): Promise<Map<string, PaperEntryReceipt>> {
  const receipts = new Map<string, PaperEntryReceipt>()
  if (keyings.length === 0) return receipts
  const forms = paperFormStore(storage, trx)
  const reads = reviewReads(trx, storage.engine)
  const surveyOf = surveyDefinitions()
  const changes = new Map<string, { survey: Survey; changes: Change[] }>()
  const change = (survey: Survey, body: string, sign: 1 | -1, place: Place) => {
    const key = `${survey.id}\u0000${survey.version}`
    const version = changes.get(key) ?? { survey, changes: [] }
    version.changes.push({ body, sign, place })
    changes.set(key, version)
  }
  const serialOf = (k: NewKeying) => `${k.response.surveyId}\u0000${paperSerialKey(k.response.paperSerial!)}`
  const ordered = [...keyings].sort((a, b) => (serialOf(a) < serialOf(b) ? -1 : serialOf(a) > serialOf(b) ? 1 : 0))
  for (const { survey, response, body, at, receivedBy } of ordered) {
    const formId = await forms.openForm(response.surveyId, paperSerialKey(response.paperSerial!), at)
    const earlier = await forms.keyings(formId)
    const keying = earlier.length + 1
    await forms.addKeying(response.id, formId, keying)
    await trx
      .insertInto('response_voids')
      .values({ response_id: response.id, action: 'void', reason: HELD, at, user_id: null })
      .execute()
    change(survey, body, -1, { unitId: response.unitId, receivedBy })
    const next = keyingDecision(survey, response, (await forms.form(formId))!.state, earlier)
    if (next?.agreeing) {
      const stored = await reads.find(next.agreeing)
      if (!stored) throw new Error(`keying ${next.agreeing} is not stored`)
      await trx
        .insertInto('response_voids')
        .values({ response_id: stored.id, action: 'restore', reason: MATCHED, at, user_id: null })
        .execute()
      const agreeing = earlier.find((k) => k.responseId === stored.id)!
      const place = { unitId: stored.unitId, receivedBy: agreeing.receivedById }
      change(await surveyOf(trx, stored.surveyId, stored.surveyVersion), effectiveBody(stored), 1, place)
    }
    if (next) await forms.setState(formId, next.state, next.agreeing, at)
    const form = (await forms.form(formId))!
    receipts.set(response.id, { formId, state: form.state, keying })
  }
  const versions = [...changes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [, { survey, changes: list }] of versions) {
    const key = { surveyId: survey.id, surveyVersion: survey.version }
    const delta = placedDelta(survey, list)
    await addScoringRows(trx, storage.engine, key, delta.rows)
    await addProgressRows(trx, storage.engine, key, delta.progress)
  }
  await bumpScoreInputs(trx)
  return receipts
}
