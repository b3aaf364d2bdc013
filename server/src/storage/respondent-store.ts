import type { RespondentFields, RespondentsRepository, StoredRespondent } from '../db/respondents.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import type { Tx } from './transactions.ts'
import { inWriteTransaction } from './transactions.ts'

type UnitState = { respondentId: number; unitId: string; submitted: number }

/**
 * The respondent register (migration 051) on the async storage boundary (docs/storage.md), for
 * SQLite and PostgreSQL alike: the port of db/respondents.ts, with the same rows and answers.
 * `db` is the storage's Kysely or a transaction of it (an import adds and changes people in one).
 *
 * A unit is sent once whatever the number of app servers: `markSubmitted` is
 * `UPDATE … WHERE submitted = 0`, and a second server's update of the same unit waits for the
 * first transaction and then updates nothing.
 */
export function respondentStore(storage: Storage, db: Tx = storage.db) {
  const people = () =>
    db
      .selectFrom('respondents')
      .select([
        'id',
        'survey_id as surveyId',
        'name',
        'position',
        'organisation',
        'group_id as groupId',
        'own_unit_id as ownUnitId',
        'email',
        'phone',
        'code_hash as codeHash',
        'code_sealed as codeSealed',
        'opened_at as openedAt',
      ])
  type Row = Awaited<ReturnType<ReturnType<typeof people>['executeTakeFirstOrThrow']>>

  const unitsOf = (trx: Tx, ids: number[]) =>
    ids.length === 0
      ? Promise.resolve([] as UnitState[])
      : trx
          .selectFrom('respondent_units')
          .select(['respondent_id as respondentId', 'unit_id as unitId', 'submitted'])
          .where('respondent_id', 'in', ids)
          .orderBy('respondent_id')
          .orderBy('unit_id')
          .execute()

  const withUnits = (row: Row, states: UnitState[]): StoredRespondent => {
    const unitStates = states.map((s) => ({ unitId: s.unitId, submitted: s.submitted === 1 }))
    return { ...row, units: unitStates.map((s) => s.unitId), unitStates }
  }
  const one = async (row: Row | undefined) => row && withUnits(row, await unitsOf(db, [row.id]))

  /** Sets a person's units; units already submitted stay, with a draft of a dropped unit gone too. */
  async function setUnits(trx: Tx, id: number, units: string[]): Promise<void> {
    const wanted = new Set(units)
    for (const { unitId, submitted } of await unitsOf(trx, [id])) {
      if (wanted.has(unitId) || submitted === 1) continue
      await trx.deleteFrom('sitting_drafts').where('respondent_id', '=', id).where('unit_id', '=', unitId).execute()
      await trx
        .deleteFrom('respondent_units')
        .where('respondent_id', '=', id)
        .where('unit_id', '=', unitId)
        .where('submitted', '=', 0)
        .execute()
    }
    if (units.length > 0)
      await trx
        .insertInto('respondent_units')
        .values(units.map((unitId) => ({ respondent_id: id, unit_id: unitId })))
        .onConflict((oc) => oc.columns(['respondent_id', 'unit_id']).doNothing())
        .execute()
  }

  return {
    /** Everyone on a survey's register, in the order they were added. */
    async list(surveyId: string): Promise<StoredRespondent[]> {
      const rows = await people().where('survey_id', '=', surveyId).orderBy('id').execute()
      const states = new Map<number, UnitState[]>()
      // Bounded lists: a register holds at most a few thousand people (register/read-register.ts).
      for (let i = 0; i < rows.length; i += 500)
        for (const s of await unitsOf(
          db,
          rows.slice(i, i + 500).map((r) => r.id),
        )) {
          const list = states.get(s.respondentId) ?? []
          list.push(s)
          states.set(s.respondentId, list)
        }
      return rows.map((row) => withUnits(row, states.get(row.id) ?? []))
    },
    get: async (id: number): Promise<StoredRespondent | undefined> =>
      one(await people().where('id', '=', id).executeTakeFirst()),
    /** The person whose personal code hashes to `hash`. */
    findByHash: async (hash: string): Promise<StoredRespondent | undefined> =>
      one(await people().where('code_hash', '=', hash).executeTakeFirst()),
    /** Adds a person with their units (in the caller's transaction, else its own). Returns the id. */
    add(surveyId: string, fields: RespondentFields, code: { hash: string; sealed: string }, now: string) {
      return inWriteTransaction(storage, db, async (trx) => {
        const { units, ownUnitId, groupId, ...contact } = fields
        const { id } = await trx
          .insertInto('respondents')
          .values({
            ...contact,
            survey_id: surveyId,
            group_id: groupId,
            own_unit_id: ownUnitId,
            code_hash: code.hash,
            code_sealed: code.sealed,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await setUnits(trx, id, units)
        return id
      })
    },
    /** Changes a person; units already submitted stay on their list. */
    change(id: number, fields: RespondentFields, now: string): Promise<void> {
      return inWriteTransaction(storage, db, async (trx) => {
        const { units, ownUnitId, groupId, ...contact } = fields
        await trx
          .updateTable('respondents')
          .set({ ...contact, group_id: groupId, own_unit_id: ownUnitId, updated_at: now })
          .where('id', '=', id)
          .execute()
        await setUnits(trx, id, units)
      })
    },
    /** Whether a hash is free (a new code must not repeat one). */
    async hashTaken(hash: string): Promise<boolean> {
      const row = await db.selectFrom('respondents').select('id').where('code_hash', '=', hash).executeTakeFirst()
      return row !== undefined
    },
    /** Marks a unit's response sent; false when it was already (here or through another server) or is not listed. */
    async markSubmitted(id: number, unitId: string): Promise<boolean> {
      const result = await db
        .updateTable('respondent_units')
        .set({ submitted: 1 })
        .where('respondent_id', '=', id)
        .where('unit_id', '=', unitId)
        .where('submitted', '=', 0)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    /** Records the first opening of the personal link. */
    async markOpened(id: number, day: string): Promise<void> {
      await db
        .updateTable('respondents')
        .set({ opened_at: day })
        .where('id', '=', id)
        .where('opened_at', 'is', null)
        .execute()
    },
  } satisfies Async<RespondentsRepository>
}
export type RespondentStore = ReturnType<typeof respondentStore>
