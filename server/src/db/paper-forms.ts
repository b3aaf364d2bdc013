import type { PaperFormState, PaperFormSummary } from '@parsurvey/shared'
import { auditRepository } from './audit.ts'
import type { DB } from './connection.ts'

export type StoredKeying = {
  keying: number
  responseId: string
  receivedAt: string
  receivedBy: string | null
  receivedById: number | null
  body: string
}

export type StoredPaperForm = PaperFormSummary & { countedId: string | null }

const FORM_COLUMNS = `f.id, f.survey_id AS surveyId, f.serial_key AS serialKey, f.state, f.counted_id AS countedId,
  f.updated_at AS updatedAt, (SELECT COUNT(*) FROM paper_keyings k WHERE k.form_id = f.id) AS keyings,
  (SELECT r.unit_id FROM paper_keyings k JOIN responses r ON r.id = k.response_id
   WHERE k.form_id = f.id ORDER BY k.keying LIMIT 1) AS unitId`

/**
 * The double-entry setting and the paper forms with their keyings (migration 080). On PostgreSQL
 * the same port is storage/paper-form-store.ts. Two decisions are single statements, so that
 * they hold across app servers: `openForm` creates or locks a form (its keyings are numbered one
 * at a time) and `settle` resolves a form only while it is still open.
 */
export function paperFormsRepository(db: DB) {
  const setting = db.prepare<[string], { enabled: number }>(
    'SELECT enabled FROM survey_double_entry WHERE survey_id = ?',
  )
  const upsertSetting = db.prepare(
    `INSERT INTO survey_double_entry (survey_id, enabled, set_at, set_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (survey_id) DO UPDATE SET enabled = excluded.enabled, set_at = excluded.set_at, set_by = excluded.set_by`,
  )
  const formBySerial = db.prepare<[string, string], StoredPaperForm>(
    `SELECT ${FORM_COLUMNS} FROM paper_forms f WHERE f.survey_id = ? AND f.serial_key = ?`,
  )
  const formById = db.prepare<[number], StoredPaperForm>(`SELECT ${FORM_COLUMNS} FROM paper_forms f WHERE f.id = ?`)
  const formOfResponse = db.prepare<[string], StoredPaperForm & { keying: number }>(
    `SELECT ${FORM_COLUMNS}, k.keying FROM paper_keyings k JOIN paper_forms f ON f.id = k.form_id WHERE k.response_id = ?`,
  )
  const openForm = db.prepare<[string, string, string], { id: number }>(
    `INSERT INTO paper_forms (survey_id, serial_key, state, updated_at) VALUES (?, ?, 'awaiting', ?)
     ON CONFLICT (survey_id, serial_key) DO UPDATE SET updated_at = paper_forms.updated_at RETURNING id`,
  )
  const settle = db.prepare<[string, string, number]>(
    `UPDATE paper_forms SET state = 'resolved', counted_id = ?, updated_at = ?
     WHERE id = ? AND state IN ('awaiting', 'conflict')`,
  )
  const updateForm = db.prepare<[PaperFormState, string | null, string, number]>(
    'UPDATE paper_forms SET state = ?, counted_id = ?, updated_at = ? WHERE id = ?',
  )
  const insertKeying = db.prepare<[string, number, number]>(
    'INSERT INTO paper_keyings (response_id, form_id, keying) VALUES (?, ?, ?)',
  )
  const keyings = db.prepare<[number], StoredKeying>(
    `SELECT k.keying, k.response_id AS responseId, r.received_at AS receivedAt, u.username AS receivedBy,
       r.received_by AS receivedById, r.body
     FROM paper_keyings k JOIN responses r ON r.id = k.response_id LEFT JOIN users u ON u.id = r.received_by
     WHERE k.form_id = ? ORDER BY k.keying`,
  )
  const list = db.prepare<Record<string, unknown>, StoredPaperForm>(
    `SELECT * FROM (SELECT ${FORM_COLUMNS} FROM paper_forms f WHERE f.survey_id = @surveyId
       AND (@state IS NULL OR f.state = @state))
     WHERE (@units IS NULL OR unitId IN (SELECT value FROM json_each(@units)))
     ORDER BY id LIMIT @limit`,
  )

  const audit = auditRepository(db)

  return {
    doubleEntry: (surveyId: string): boolean => setting.get(surveyId)?.enabled === 1,
    /** Turns double entry on or off with its audit entry, in one transaction; returns the setting before. */
    setDoubleEntry(surveyId: string, enabled: boolean, by: number | null, now = new Date()): boolean {
      return db.transaction(() => {
        const before = setting.get(surveyId)?.enabled === 1
        upsertSetting.run(surveyId, enabled ? 1 : 0, now.toISOString(), by)
        audit.record(
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
      })()
    },
    formBySerial: (surveyId: string, serialKey: string) => formBySerial.get(surveyId, serialKey),
    form: (id: number) => formById.get(id),
    formOfResponse: (responseId: string) => formOfResponse.get(responseId),
    /**
     * The id of the form of `serialKey`, created (state `awaiting`) when there is none. Call it in
     * the transaction that adds a keying: on PostgreSQL it holds the form's row lock until commit,
     * so keyings of one form from several servers are numbered and compared one at a time.
     */
    openForm: (surveyId: string, serialKey: string, at: string): number => openForm.get(surveyId, serialKey, at)!.id,
    /**
     * Resolves a form still awaiting or in conflict, counting `countedId`; false when it is
     * already matched or resolved (by another keying or another supervisor, on any server).
     */
    settle: (id: number, countedId: string, at: string): boolean => settle.run(countedId, at, id).changes === 1,
    setState(id: number, state: PaperFormState, countedId: string | null, at: string): void {
      updateForm.run(state, countedId, at, id)
    },
    addKeying(responseId: string, formId: number, keying: number): void {
      insertKeying.run(responseId, formId, keying)
    },
    keyings: (formId: number): StoredKeying[] => keyings.all(formId),
    list: (filter: { surveyId: string; state: PaperFormState | null; units: string[] | 'all'; limit: number }) =>
      list.all({
        surveyId: filter.surveyId,
        state: filter.state,
        units: filter.units === 'all' ? null : JSON.stringify(filter.units),
        limit: filter.limit,
      }),
  }
}
export type PaperFormsRepository = ReturnType<typeof paperFormsRepository>
