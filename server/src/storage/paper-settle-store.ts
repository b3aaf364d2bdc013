import { hash as digest } from 'node:crypto'
import type { Response, Survey } from '@parsurvey/shared'
import type { StoredPaperForm } from '../db/paper-forms.ts'
import type { User } from '../db/users.ts'
import {
  alreadySettled,
  settleAuditEntry,
  settleDecision,
  visibleForm,
  type SettleRequest,
} from '../paper/settle-rules.ts'
import { auditStore } from './audit-store.ts'
import type { Storage } from './open-storage.ts'
import { paperFormStore } from './paper-form-store.ts'
import { countResponseChanges } from './review-action-store.ts'
import { surveyDefinitions } from './survey-definitions.ts'
import { takeFoldLock, writeTransaction } from './transactions.ts'

/**
 * Settling a paper form on the async boundary (PostgreSQL; SQLite for its tests), deciding with
 * paper/settle-rules.ts as paper/double-entry.ts does on the running SQLite server. One
 * transaction: the form's row is locked first (`FOR NO KEY UPDATE`) and read after, so of two
 * supervisors settling it through two servers one settles it and the other gets the 409; the
 * shared fold lock is held as by every write that moves aggregates (transactions.ts); the
 * correction (when the settled form differs from its base keying), the restore of the counted
 * keying, its aggregate and progress delta, the score inputs' bump and the audit entry go in it.
 */
export function paperSettleStore(storage: Storage) {
  const surveyOf = surveyDefinitions()
  return {
    resolve: (user: User, formId: number, request: SettleRequest, now = new Date()): Promise<StoredPaperForm> =>
      writeTransaction(storage, async (trx) => {
        await takeFoldLock(storage, trx, 'store')
        if (storage.engine === 'postgres')
          await trx.selectFrom('paper_forms').select('id').where('id', '=', formId).forNoKeyUpdate().execute()
        const forms = paperFormStore(storage, trx)
        const form = visibleForm(Number.isSafeInteger(formId) ? await forms.form(formId) : undefined, user, formId)
        const keyings = await forms.keyings(form.id)
        const surveys = new Map<string, Survey>()
        for (const k of keyings) {
          const { surveyId, surveyVersion } = JSON.parse(k.body) as Response
          surveys.set(`${surveyId}@${surveyVersion}`, await surveyOf(trx, surveyId, surveyVersion))
        }
        const settlement = settleDecision(
          user,
          form,
          keyings,
          (r) => surveys.get(`${r.surveyId}@${r.surveyVersion}`)!,
          request,
        )
        const { responseId, body } = settlement
        const at = now.toISOString()
        if (!(await forms.settle(form.id, responseId, at))) throw alreadySettled(form)
        if (settlement.corrected)
          await trx
            .insertInto('response_corrections')
            .values({
              response_id: responseId,
              conflict_seq: null,
              body,
              hash: digest('sha256', body, 'hex'),
              reason: request.reason,
              at,
              user_id: user.id,
            })
            .execute()
        await trx
          .insertInto('response_voids')
          .values({ response_id: responseId, action: 'restore', reason: request.reason, at, user_id: user.id })
          .execute()
        await countResponseChanges(trx, storage.engine, settlement.survey, responseId, [{ body, sign: 1 }])
        await auditStore(trx).record(settleAuditEntry(user, form, settlement, request), now)
        return (await forms.form(form.id))!
      }),
  }
}
