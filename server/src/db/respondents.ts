import type { RegisteredPerson, RegisterPersonFields } from '@parsurvey/shared'
import type { DB } from './connection.ts'

/** A register entry as stored, with its units and their state. */
export type StoredRespondent = Omit<RegisteredPerson, 'submittedUnits'> & {
  surveyId: string
  codeHash: string
  codeSealed: string
  openedAt: string | null
  /** Each unit the person rates and whether its response was sent. */
  unitStates: { unitId: string; submitted: boolean }[]
}

/** What an import writes for one person (codes are drawn by the caller for new people). */
export type RespondentFields = RegisterPersonFields

type Row = Omit<StoredRespondent, 'units' | 'unitStates'>
const columns = `id, survey_id AS surveyId, name, position, organisation, group_id AS groupId,
  own_unit_id AS ownUnitId, email, phone, code_hash AS codeHash, code_sealed AS codeSealed, opened_at AS openedAt`

/** The respondent register (migration 051): people, their units, and which units they sent. */
export function respondentsRepository(db: DB) {
  const ofSurvey = db.prepare<[string], Row>(`SELECT ${columns} FROM respondents WHERE survey_id = ? ORDER BY id`)
  const unitsOfSurvey = db.prepare<[string], { respondentId: number; unitId: string; submitted: number }>(
    `SELECT ru.respondent_id AS respondentId, ru.unit_id AS unitId, ru.submitted
     FROM respondent_units ru JOIN respondents r ON r.id = ru.respondent_id WHERE r.survey_id = ?`,
  )
  const one = db.prepare<[number], Row>(`SELECT ${columns} FROM respondents WHERE id = ?`)
  const byHash = db.prepare<[string], Row>(`SELECT ${columns} FROM respondents WHERE code_hash = ?`)
  const unitsOf = db.prepare<[number], { unitId: string; submitted: number }>(
    'SELECT unit_id AS unitId, submitted FROM respondent_units WHERE respondent_id = ?',
  )
  const insert = db.prepare(
    `INSERT INTO respondents (survey_id, name, position, organisation, group_id, own_unit_id, email, phone,
       code_hash, code_sealed, created_at, updated_at)
     VALUES (@surveyId, @name, @position, @organisation, @groupId, @ownUnitId, @email, @phone,
       @codeHash, @codeSealed, @now, @now)`,
  )
  const update = db.prepare(
    `UPDATE respondents SET name = @name, position = @position, organisation = @organisation, group_id = @groupId,
       own_unit_id = @ownUnitId, email = @email, phone = @phone, updated_at = @now WHERE id = @id`,
  )
  const addUnit = db.prepare('INSERT OR IGNORE INTO respondent_units (respondent_id, unit_id) VALUES (?, ?)')
  const dropUnit = db.prepare('DELETE FROM respondent_units WHERE respondent_id = ? AND unit_id = ? AND submitted = 0')
  // A unit taken off a person's list takes its unsent draft with it (migration 052).
  const dropDraft = db.prepare('DELETE FROM sitting_drafts WHERE respondent_id = ? AND unit_id = ?')
  const markSubmitted = db.prepare(
    'UPDATE respondent_units SET submitted = 1 WHERE respondent_id = ? AND unit_id = ? AND submitted = 0',
  )
  const markOpened = db.prepare('UPDATE respondents SET opened_at = ? WHERE id = ? AND opened_at IS NULL')

  const withUnits = (row: Row, states: { unitId: string; submitted: number }[]): StoredRespondent => {
    const unitStates = states.map((s) => ({ unitId: s.unitId, submitted: s.submitted === 1 }))
    return { ...row, units: unitStates.map((s) => s.unitId), unitStates }
  }
  const setUnits = (id: number, units: string[]) => {
    const wanted = new Set(units)
    for (const { unitId, submitted } of unitsOf.all(id)) {
      if (wanted.has(unitId) || submitted === 1) continue
      dropDraft.run(id, unitId)
      dropUnit.run(id, unitId)
    }
    for (const unitId of units) addUnit.run(id, unitId)
  }

  return {
    /** Everyone on a survey's register, in the order they were added. */
    list(surveyId: string): StoredRespondent[] {
      const states = new Map<number, { unitId: string; submitted: number }[]>()
      for (const s of unitsOfSurvey.all(surveyId)) {
        const list = states.get(s.respondentId) ?? []
        list.push(s)
        states.set(s.respondentId, list)
      }
      return ofSurvey.all(surveyId).map((row) => withUnits(row, states.get(row.id) ?? []))
    },
    get(id: number): StoredRespondent | undefined {
      const row = one.get(id)
      return row && withUnits(row, unitsOf.all(row.id))
    },
    /** The person whose personal code hashes to `hash`. */
    findByHash(hash: string): StoredRespondent | undefined {
      const row = byHash.get(hash)
      return row && withUnits(row, unitsOf.all(row.id))
    },
    /** Adds a person with their units; the caller runs it in the import's transaction. Returns the id. */
    add(surveyId: string, fields: RespondentFields, code: { hash: string; sealed: string }, now: string): number {
      const id = Number(
        insert.run({ ...fields, surveyId, codeHash: code.hash, codeSealed: code.sealed, now }).lastInsertRowid,
      )
      setUnits(id, fields.units)
      return id
    },
    /** Changes a person; units already submitted stay on their list. */
    change(id: number, fields: RespondentFields, now: string): void {
      const { units, ...rest } = fields
      update.run({ ...rest, id, now })
      setUnits(id, units)
    },
    /** Whether a hash is free (a new code must not repeat one). */
    hashTaken: (hash: string): boolean => byHash.get(hash) !== undefined,
    /** Marks a unit's response sent; false when it was already (or is not on the list). */
    markSubmitted: (id: number, unitId: string): boolean => markSubmitted.run(id, unitId).changes === 1,
    /** Records the first opening of the personal link. */
    markOpened: (id: number, day: string): void => void markOpened.run(day, id),
  }
}
export type RespondentsRepository = ReturnType<typeof respondentsRepository>
