import type { Kysely } from 'kysely'
import type { Role, User, UserAccount } from '../db/users.ts'
import type { StorageSchema } from './schema.ts'

/**
 * Accounts on the async storage boundary (docs/storage.md), for SQLite and PostgreSQL alike: the
 * same answers as db/users.ts. `db` is the storage's Kysely or a transaction of it (an account
 * action and its audit entry go into one transaction, storage/audit-store.ts).
 *
 * Usernames match case-insensitively as today: SQLite's `COLLATE NOCASE` folds A–Z only, so the
 * name looked up is folded the same way here and compared with `lower(username)` (PostgreSQL's
 * unique index `users_username` is on that expression). Other characters must match exactly:
 * "lân", full-width "ｌａｎ" or the Kelvin sign are not "lan" on either engine, and surrounding
 * spaces are trimmed by the log-in route before the lookup, not here.
 */
const foldAscii = (name: string) => name.replace(/[A-Z]+/g, (upper) => upper.toLowerCase())

export type NewUser = { username: string; passwordHash: string; role: Role; units: string[] | 'all' }

export function userStore(db: Kysely<StorageSchema>) {
  const accounts = () =>
    db
      .selectFrom('users')
      .select(['id', 'username', 'role', 'all_units', 'disabled_at', 'created_at', 'last_login_at', 'password_hash'])
  const byName = (username: string) =>
    accounts().where((eb) => eb(eb.fn('lower', ['username']), '=', foldAscii(username)))
  type Row = Awaited<ReturnType<ReturnType<typeof accounts>['executeTakeFirstOrThrow']>>

  async function unitsOf(row: Pick<Row, 'id' | 'all_units'>): Promise<string[] | 'all'> {
    if (row.all_units) return 'all'
    const rows = await db
      .selectFrom('user_units')
      .select('unit_id')
      .where('user_id', '=', row.id)
      .orderBy('unit_id')
      .execute()
    return rows.map((r) => r.unit_id)
  }
  const toUser = async (row: Row): Promise<User> => ({
    id: row.id,
    username: row.username,
    role: row.role,
    units: await unitsOf(row),
    disabled: row.disabled_at !== null,
  })
  const toAccount = async (row: Row): Promise<UserAccount> => ({
    ...(await toUser(row)),
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lastLoginAt: row.last_login_at,
  })
  async function setUnits(id: number, units: string[] | 'all'): Promise<void> {
    if (units === 'all' || units.length === 0) return
    await db
      .insertInto('user_units')
      .values([...new Set(units)].map((unit_id) => ({ user_id: id, unit_id })))
      .onConflict((oc) => oc.doNothing())
      .execute()
  }

  async function findById(id: number): Promise<User | undefined> {
    const row = await accounts().where('id', '=', id).executeTakeFirst()
    return row && toUser(row)
  }

  return {
    async count(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    findById,
    /** The user and their password hash (scrypt verifier, auth/password.ts), for log-in. */
    async findForLogin(username: string): Promise<{ user: User; passwordHash: string } | undefined> {
      const row = await byName(username).executeTakeFirst()
      return row && { user: await toUser(row), passwordHash: row.password_hash }
    },
    /** The account named `username` (case-insensitive, as log-in is). */
    async findAccount(username: string): Promise<UserAccount | undefined> {
      const row = await byName(username).executeTakeFirst()
      return row && toAccount(row)
    },
    /**
     * Creates the account, or answers 'taken' when the name is in use in any letter case — decided
     * by the unique index, so two servers creating the same name at once make one account.
     */
    async create(input: NewUser, now = new Date()): Promise<User | 'taken'> {
      const inserted = await db
        .insertInto('users')
        .values({
          username: input.username,
          password_hash: input.passwordHash,
          role: input.role,
          all_units: input.units === 'all' ? 1 : 0,
          disabled_at: null,
          created_at: now.toISOString(),
          last_login_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) return 'taken'
      await setUnits(inserted.id, input.units)
      return (await findById(inserted.id))!
    },
    /** Every account, by username. */
    async list(): Promise<UserAccount[]> {
      const rows = await accounts().orderBy('username').execute()
      return Promise.all(rows.map(toAccount))
    },
    /** Sets role and unit assignments together (call inside the action's transaction). */
    async assign(id: number, role: Role, units: string[] | 'all'): Promise<void> {
      await db
        .updateTable('users')
        .set({ role, all_units: units === 'all' ? 1 : 0 })
        .where('id', '=', id)
        .execute()
      await db.deleteFrom('user_units').where('user_id', '=', id).execute()
      await setUnits(id, units)
    },
    async setDisabled(id: number, at: Date | null): Promise<void> {
      await db
        .updateTable('users')
        .set({ disabled_at: at?.toISOString() ?? null })
        .where('id', '=', id)
        .execute()
    },
    async setPasswordHash(id: number, passwordHash: string): Promise<void> {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute()
    },
    async recordLogin(id: number, at = new Date()): Promise<void> {
      await db.updateTable('users').set({ last_login_at: at.toISOString() }).where('id', '=', id).execute()
    },
    async enabledAdminCount(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
  }
}
export type UserStore = ReturnType<typeof userStore>
