import type { PaperFormState } from '@parsurvey/shared'
import type { PaperFormsRepository, StoredKeying, StoredPaperForm } from '../db/paper-forms.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { inWriteTransaction, takeNamedLock, type Tx } from './transactions.ts'

/**
 * The double-entry setting and the paper forms with their keyings on the async storage boundary
 * (docs/storage.md, docs/paper-forms.md): the port of db/paper-forms.ts for SQLite and
 * PostgreSQL alike. `db` is the storage's Kysely, or the transaction that stores a keying or
 * settles a form. Two decisions hold across app servers because each is one statement:
 *
 * - `openForm` is `INSERT … ON CONFLICT (survey_id, serial_key) DO UPDATE … RETURNING id`: it
 *   creates the form or takes its row lock, which the transaction keeps until it commits, so two
 *   servers keying the same form number and compare their keyings one after the other;
 * - `settle` is `UPDATE … WHERE state IN ('awaiting', 'conflict')`: of two supervisors settling
 *   one form at once (on any servers), one updates it and the other finds it settled.
 */
export function paperFormStore(storage: Storage, db: Tx = storage.db) {
  const forms = () =>
    db.selectFrom('paper_forms as f').select((eb) => [
      'f.id',
      'f.survey_id as surveyId',
      'f.serial_key as serialKey',
      'f.state',
      'f.counted_id as countedId',
      'f.updated_at as updatedAt',
      eb
        .selectFrom('paper_keyings as k')
        .select((k) => k.fn.countAll<number>().as('n'))
        .whereRef('k.form_id', '=', 'f.id')
        .$asScalar()
        .$notNull()
        .as('keyings'),
      eb
        .selectFrom('paper_keyings as k')
        .innerJoin('responses as r', 'r.id', 'k.response_id')
        .select('r.unit_id')
        .whereRef('k.form_id', '=', 'f.id')
        .orderBy('k.keying')
        .limit(1)
        .$asScalar()
        .$notNull()
        .as('unitId'),
    ])
  /** COUNT is a BIGINT on PostgreSQL, read as a number (open-storage.ts); the cast keeps SQLite's as it is. */
  const toForm = <T extends StoredPaperForm>(row: T): T => ({ ...row, keyings: Number(row.keyings) })

  return {
    async doubleEntry(surveyId: string): Promise<boolean> {
      const row = await db
        .selectFrom('survey_double_entry')
        .select('enabled')
        .where('survey_id', '=', surveyId)
        .executeTakeFirst()
      return row?.enabled === 1
    },
    setDoubleEntry(surveyId: string, enabled: boolean, by: number | null, now = new Date()): Promise<boolean> {
      return inWriteTransaction(storage, db, async (trx) => {
        // Two servers' changes of one survey's setting, one after the other: each audit entry's
        // "before" is the setting the change replaced.
        await takeNamedLock(storage, trx, `double-entry:${surveyId}`)
        const row = { enabled: enabled ? 1 : 0, set_at: now.toISOString(), set_by: by }
        const previous = await trx
          .selectFrom('survey_double_entry')
          .select('enabled')
          .where('survey_id', '=', surveyId)
          .executeTakeFirst()
        await trx
          .insertInto('survey_double_entry')
          .values({ survey_id: surveyId, ...row })
          .onConflict((oc) => oc.column('survey_id').doUpdateSet(row))
          .execute()
        const before = previous?.enabled === 1
        await auditStore(trx).record(
          {
            userId: by,
            action: 'survey-double-entry-set',
            target: surveyId,
            before: { enabled: before },
            after: { enabled },
          },
          now,
        )
        return before
      })
    },
    async formBySerial(surveyId: string, serialKey: string): Promise<StoredPaperForm | undefined> {
      const row = await forms()
        .where('f.survey_id', '=', surveyId)
        .where('f.serial_key', '=', serialKey)
        .executeTakeFirst()
      return row && toForm(row)
    },
    async form(id: number): Promise<StoredPaperForm | undefined> {
      const row = await forms().where('f.id', '=', id).executeTakeFirst()
      return row && toForm(row)
    },
    async formOfResponse(responseId: string): Promise<(StoredPaperForm & { keying: number }) | undefined> {
      const row = await forms()
        .innerJoin('paper_keyings as own', 'own.form_id', 'f.id')
        .select('own.keying')
        .where('own.response_id', '=', responseId)
        .executeTakeFirst()
      return row && toForm(row)
    },
    async openForm(surveyId: string, serialKey: string, at: string): Promise<number> {
      const { id } = await db
        .insertInto('paper_forms')
        .values({ survey_id: surveyId, serial_key: serialKey, state: 'awaiting', updated_at: at })
        .onConflict((oc) =>
          oc
            .columns(['survey_id', 'serial_key'])
            .doUpdateSet((eb) => ({ updated_at: eb.ref('paper_forms.updated_at') })),
        )
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },
    async settle(id: number, countedId: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('paper_forms')
        .set({ state: 'resolved', counted_id: countedId, updated_at: at })
        .where('id', '=', id)
        .where('state', 'in', ['awaiting', 'conflict'])
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async setState(id: number, state: PaperFormState, countedId: string | null, at: string): Promise<void> {
      await db
        .updateTable('paper_forms')
        .set({ state, counted_id: countedId, updated_at: at })
        .where('id', '=', id)
        .execute()
    },
    async addKeying(responseId: string, formId: number, keying: number): Promise<void> {
      await db.insertInto('paper_keyings').values({ response_id: responseId, form_id: formId, keying }).execute()
    },
    keyings: (formId: number): Promise<StoredKeying[]> =>
      db
        .selectFrom('paper_keyings as k')
        .innerJoin('responses as r', 'r.id', 'k.response_id')
        .leftJoin('users as u', 'u.id', 'r.received_by')
        .select([
          'k.keying',
          'k.response_id as responseId',
          'r.received_at as receivedAt',
          'u.username as receivedBy',
          'r.received_by as receivedById',
          'r.body',
        ])
        .where('k.form_id', '=', formId)
        .orderBy('k.keying')
        .execute(),
    async list(filter: {
      surveyId: string
      state: PaperFormState | null
      units: string[] | 'all'
      limit: number
    }): Promise<StoredPaperForm[]> {
      let query = db.selectFrom(forms().where('f.survey_id', '=', filter.surveyId).as('x')).selectAll()
      if (filter.state !== null) query = query.where('x.state', '=', filter.state)
      if (filter.units !== 'all') {
        if (filter.units.length === 0) return []
        query = query.where('x.unitId', 'in', filter.units)
      }
      const rows = await query.orderBy('x.id').limit(filter.limit).execute()
      return rows.map(toForm)
    },
  } satisfies Async<PaperFormsRepository>
}
export type PaperFormStore = ReturnType<typeof paperFormStore>
