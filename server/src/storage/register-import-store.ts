import type { DrawCode } from '../db/access-codes.ts'
import type { RegisterImportsRepository } from '../db/register-imports.ts'
import {
  importEntry,
  personFields,
  registeredPerson,
  type RegisterImport,
  type RegisterImportOutcome,
} from '../register/register-people.ts'
import { accessCodeStore } from './access-code-store.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { respondentStore } from './respondent-store.ts'
import { takeNamedLock, writeTransaction, type Tx } from './transactions.ts'

/**
 * Applying a register file on the storage boundary, for SQLite and PostgreSQL alike: the port of
 * db/register-imports.ts, one transaction. On PostgreSQL it holds a lock named after the survey,
 * so two imports of one survey's register through two servers run one after the other, each
 * checking its file against the register the other left (never both adding the same person).
 */
export function registerImportStore(storage: Storage) {
  const freshCode = async (trx: Tx, draw: DrawCode) => {
    for (;;) {
      const code = draw()
      const taken =
        (await respondentStore(storage, trx).hashTaken(code.hash)) ||
        (await accessCodeStore(trx).findByHash(code.hash)) !== undefined
      if (!taken) return code
    }
  }
  return {
    apply(request: RegisterImport, now = new Date()): Promise<RegisterImportOutcome> {
      return writeTransaction(storage, async (trx) => {
        const { surveyId } = request
        await takeNamedLock(storage, trx, `register:${surveyId}`)
        const respondents = respondentStore(storage, trx)
        const preview = request.check((await respondents.list(surveyId)).map(registeredPerson))
        if (!preview.ok) return { refused: preview }
        const at = now.toISOString()
        const applied = { surveyId, added: 0, updated: 0, unchanged: 0, total: 0 }
        for (const row of preview.rows) {
          if (row.action === 'new') {
            await respondents.add(surveyId, personFields(row), await freshCode(trx, request.draw), at)
            applied.added++
          } else if (row.action === 'update') {
            await respondents.change(row.respondentId!, personFields(row), at)
            applied.updated++
          } else applied.unchanged++
        }
        const { n } = await trx
          .selectFrom('respondents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('survey_id', '=', surveyId)
          .executeTakeFirstOrThrow()
        applied.total = Number(n)
        await auditStore(trx).record(importEntry(request, applied), now)
        return { applied, preview }
      })
    },
  } satisfies Async<RegisterImportsRepository>
}
