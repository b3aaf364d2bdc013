import { invitationsRepository, type InvitationsRepository } from '../db/invitations.ts'
import { registerImportsRepository, type RegisterImportsRepository } from '../db/register-imports.ts'
import { respondentsRepository, type RespondentsRepository } from '../db/respondents.ts'
import { sittingDraftsRepository, type SittingDraftsRepository } from '../db/sitting-drafts.ts'
import { asyncPort, type Async, type Backend } from '../storage/backend.ts'
import { invitationStore } from '../storage/invitation-store.ts'
import { registerImportStore } from '../storage/register-import-store.ts'
import { respondentStore } from '../storage/respondent-store.ts'
import { sittingDraftStore } from '../storage/sitting-draft-store.ts'

export type RegisterServices = {
  /** The respondent registers: named people, their units, personal codes (register/README.md). */
  respondents: Async<RespondentsRepository>
  /** A register file applied in one transaction with its check and audit entry. */
  registerImports: Async<RegisterImportsRepository>
  /** Saved answers of sitting units not yet sent (migration 052). */
  sittingDrafts: Async<SittingDraftsRepository>
  /** Invitations and reminders sent to the register, and their texts (migration 055). */
  invitations: Async<InvitationsRepository>
}

/**
 * The respondent register, its invitations and sittings on either engine (docs/storage.md,
 * "ports"): the synchronous repositories behind `asyncPort` on SQLite, the Kysely stores on
 * PostgreSQL. A unit of a sitting is sent through `codeResponses` (codes/code-services.ts).
 */
export function registerServices(backend: Backend): RegisterServices {
  if (backend.engine === 'postgres') {
    const { storage } = backend
    return {
      respondents: respondentStore(storage),
      registerImports: registerImportStore(storage),
      sittingDrafts: sittingDraftStore(storage),
      invitations: invitationStore(storage),
    }
  }
  const { db } = backend
  return {
    respondents: asyncPort(respondentsRepository(db)),
    registerImports: asyncPort(registerImportsRepository(db)),
    sittingDrafts: asyncPort(sittingDraftsRepository(db)),
    invitations: asyncPort(invitationsRepository(db)),
  }
}
