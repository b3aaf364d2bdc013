import type { PaperFormsRepository, StoredPaperForm } from '../db/paper-forms.ts'
import type { User } from '../db/users.ts'
import { asyncPort, type Async } from '../storage/backend.ts'
import type { Storage } from '../storage/open-storage.ts'
import { paperFormStore } from '../storage/paper-form-store.ts'
import { paperSettleStore } from '../storage/paper-settle-store.ts'
import { resolvePaperForm, type PaperEntryServices } from './double-entry.ts'
import type { SettleRequest } from './settle-rules.ts'

/**
 * Paper forms under double entry as the routes reach them, on either engine (docs/paper-forms.md):
 * the forms and their keyings, and settling one (one transaction, settle-rules.ts decides).
 */
export type PaperFormPorts = {
  paperFormReads: Pick<Async<PaperFormsRepository>, 'list' | 'form' | 'keyings'>
  paperFormActions: {
    resolve(user: User, formId: number, request: SettleRequest, now?: Date): Promise<StoredPaperForm>
    /** Turns double entry on or off for every version of a survey, with its audit entry (one transaction). */
    setDoubleEntry(surveyId: string, enabled: boolean, by: number | null, now?: Date): Promise<boolean>
  }
}

/** SQLite: the running server's repository and its transaction (paper/double-entry.ts). */
export const sqlitePaperFormPorts = (services: PaperEntryServices): PaperFormPorts => ({
  paperFormReads: asyncPort(services.paperForms),
  paperFormActions: {
    resolve: async (...args) => resolvePaperForm(services, ...args),
    setDoubleEntry: async (...args) => services.paperForms.setDoubleEntry(...args),
  },
})

/** PostgreSQL: the Kysely stores (the form's row is locked before it is decided). */
export const postgresPaperFormPorts = (storage: Storage): PaperFormPorts => ({
  paperFormReads: paperFormStore(storage),
  paperFormActions: {
    ...paperSettleStore(storage),
    setDoubleEntry: (...args) => paperFormStore(storage).setDoubleEntry(...args),
  },
})
