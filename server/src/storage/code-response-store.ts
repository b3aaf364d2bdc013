import type { Locale, SyncResult } from '@parsurvey/shared'
import { codeResponseIdTaken, codeUsed, unitSent, type CodeResponses, type CodeUse } from '../codes/code-responses.ts'
import type { ValidResponse } from '../sync/ingest.ts'
import { accessCodeStore } from './access-code-store.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { respondentStore } from './respondent-store.ts'
import { responseStore } from './response-store.ts'
import { sittingDraftStore } from './sitting-draft-store.ts'
import { takeFoldLock } from './transactions.ts'

/**
 * A response answered with a code, on the storage boundary (docs/storage.md): the sync response
 * store and the code's use (a one-time code, or a unit of a personal code's sitting, whose draft
 * goes with it) in one transaction, on SQLite (Kysely) and PostgreSQL alike. The conditional
 * update of the code or the unit decides: of two servers storing with one code at once, the
 * second update waits for the first transaction and then finds it used, and its response is
 * rolled back with it. Aggregates are folded later (storage/aggregate-store.ts), as for sync batches.
 */
export function codeResponseStore(storage: Storage): Async<CodeResponses> {
  const responses = responseStore(storage)
  return {
    async store(prepared: ValidResponse, use: CodeUse, receivedAt: string, locale: Locale): Promise<SyncResult> {
      const { id } = prepared.response
      return storage.db.transaction().execute(async (trx) => {
        await takeFoldLock(storage, trx, 'store')
        const batch = { receivedAt, sender: null, locale, items: [{ kind: 'valid' as const, ...prepared }] }
        const [[receipt]] = (await responses.storeIn(trx, [batch])) as [[SyncResult]]
        if (receipt.status !== 'stored') throw codeResponseIdTaken(id)
        if ('codeId' in use) {
          if (!(await accessCodeStore(trx).markUsed(use.codeId, id, receivedAt))) throw codeUsed(receivedAt)
        } else {
          if (!(await respondentStore(storage, trx).markSubmitted(use.respondentId, use.unitId)))
            throw unitSent(use.unitId)
          await sittingDraftStore(storage, trx).drop(use.respondentId, use.unitId)
        }
        return receipt
      })
    },
  }
}
