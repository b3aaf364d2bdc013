import { ROLES, type Role } from '@parsurvey/shared'
import type { DB } from './connection.ts'

export { ROLES, type Role }

export type User = {
  id: number
  username: string
  role: Role
  /** Unit ids this user may work on, or 'all'. */
  units: string[] | 'all'
  disabled: boolean
}

type UserRow = { id: number; username: string; role: Role; all_units: number; disabled_at: string | null }

/** A user as admins see it in the account list. */
export type UserAccount = User & { createdAt: string; disabledAt: string | null; lastLoginAt: string | null }
type AccountRow = UserRow & { created_at: string; last_login_at: string | null }

/** Accounts and their unit assignments. */
export function usersRepository(db: DB) {
  const byName = db.prepare<[string], UserRow & { password_hash: string }>(
    'SELECT id, username, role, all_units, disabled_at, password_hash FROM users WHERE username = ?',
  )
  const byId = db.prepare<[number], UserRow>(
    'SELECT id, username, role, all_units, disabled_at FROM users WHERE id = ?',
  )
  const unitsOf = db
    .prepare<[number], string>('SELECT unit_id FROM user_units WHERE user_id = ? ORDER BY unit_id')
    .pluck()
  const insert = db.prepare(
    'INSERT INTO users (username, password_hash, role, all_units, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const insertUnit = db.prepare('INSERT OR IGNORE INTO user_units (user_id, unit_id) VALUES (?, ?)')
  const count = db.prepare('SELECT COUNT(*) FROM users').pluck()
  const accountColumns = 'id, username, role, all_units, disabled_at, created_at, last_login_at'
  const accounts = db.prepare<[], AccountRow>(`SELECT ${accountColumns} FROM users ORDER BY username`)
  const accountByName = db.prepare<[string], AccountRow>(`SELECT ${accountColumns} FROM users WHERE username = ?`)
  const setRole = db.prepare('UPDATE users SET role = ?, all_units = ? WHERE id = ?')
  const clearUnits = db.prepare('DELETE FROM user_units WHERE user_id = ?')
  const setDisabled = db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?')
  const setHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?')
  const setLogin = db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?')
  const enabledAdmins = db.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL").pluck()

  const toUser = (row: UserRow): User => ({
    id: row.id,
    username: row.username,
    role: row.role,
    units: row.all_units ? 'all' : unitsOf.all(row.id),
    disabled: row.disabled_at !== null,
  })
  const toAccount = (row: AccountRow): UserAccount => ({
    ...toUser(row),
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lastLoginAt: row.last_login_at,
  })

  return {
    count: () => count.get() as number,
    findById(id: number): User | undefined {
      const row = byId.get(id)
      return row && toUser(row)
    },
    /** The user and their password hash, for log-in. */
    findForLogin(username: string): { user: User; passwordHash: string } | undefined {
      const row = byName.get(username)
      return row && { user: toUser(row), passwordHash: row.password_hash }
    },
    create(input: { username: string; passwordHash: string; role: Role; units: string[] | 'all' }): User {
      const id = db.transaction(() => {
        const { lastInsertRowid } = insert.run(
          input.username,
          input.passwordHash,
          input.role,
          input.units === 'all' ? 1 : 0,
          new Date().toISOString(),
        )
        if (input.units !== 'all') for (const unit of input.units) insertUnit.run(lastInsertRowid, unit)
        return Number(lastInsertRowid)
      })()
      return this.findById(id)!
    },
    list: (): UserAccount[] => accounts.all().map(toAccount),
    /** The account named `username` (case-insensitive, as log-in is). */
    findAccount(username: string): UserAccount | undefined {
      const row = accountByName.get(username)
      return row && toAccount(row)
    },
    /** Sets role and unit assignments together (call inside the action's transaction). */
    assign(id: number, role: Role, units: string[] | 'all'): void {
      setRole.run(role, units === 'all' ? 1 : 0, id)
      clearUnits.run(id)
      if (units !== 'all') for (const unit of units) insertUnit.run(id, unit)
    },
    setDisabled: (id: number, at: Date | null) => void setDisabled.run(at?.toISOString() ?? null, id),
    setPasswordHash: (id: number, passwordHash: string) => void setHash.run(passwordHash, id),
    recordLogin: (id: number, at = new Date()) => void setLogin.run(at.toISOString(), id),
    enabledAdminCount: () => enabledAdmins.get() as number,
  }
}
export type UsersRepository = ReturnType<typeof usersRepository>

/** Whether `user` may work on `unitId`. */
export function canAccessUnit(user: User, unitId: string): boolean {
  return user.units === 'all' || user.units.includes(unitId)
}
