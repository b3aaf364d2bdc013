import {
  importEntry,
  personFields,
  registeredPerson,
  type RegisterImport,
  type RegisterImportOutcome,
} from '../register/register-people.ts'
import { accessCodesRepository, type DrawCode } from './access-codes.ts'
import { auditRepository } from './audit.ts'
import type { DB } from './connection.ts'
import { respondentsRepository } from './respondents.ts'

/**
 * Applying a register file on SQLite, one synchronous transaction: the check against the register
 * as it is, the people added (each with a code no personal or access code repeats) and changed,
 * and the audit entry. storage/register-import-store.ts is the same port on the storage boundary.
 */
export function registerImportsRepository(db: DB) {
  const respondents = respondentsRepository(db)
  const accessCodes = accessCodesRepository(db)
  const audit = auditRepository(db)
  const freshCode = (draw: DrawCode) => {
    for (;;) {
      const code = draw()
      // A repeat of any existing code (odds ~2^-60) is simply drawn again.
      if (!respondents.hashTaken(code.hash) && !accessCodes.findByHash(code.hash)) return code
    }
  }
  return {
    /** Applies `request` unless its check finds an error (then `refused`, nothing written). */
    apply: (request: RegisterImport, now = new Date()): RegisterImportOutcome =>
      db.transaction(() => {
        const { surveyId } = request
        const preview = request.check(respondents.list(surveyId).map(registeredPerson))
        if (!preview.ok) return { refused: preview }
        const at = now.toISOString()
        const applied = { surveyId, added: 0, updated: 0, unchanged: 0, total: 0 }
        for (const row of preview.rows) {
          if (row.action === 'new') {
            respondents.add(surveyId, personFields(row), freshCode(request.draw), at)
            applied.added++
          } else if (row.action === 'update') {
            respondents.change(row.respondentId!, personFields(row), at)
            applied.updated++
          } else applied.unchanged++
        }
        applied.total = respondents.list(surveyId).length
        audit.record(importEntry(request, applied), now)
        return { applied, preview }
      })(),
  }
}
export type RegisterImportsRepository = ReturnType<typeof registerImportsRepository>
