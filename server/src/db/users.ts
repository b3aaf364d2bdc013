import type { DB } from './connection.ts'

export const ROLES = ['admin', 'analyst', 'supervisor', 'surveyor'] as const
export type Role = (typeof ROLES)[number]

export type User = {
  id: number
  username: string
  role: Role
  /** Unit ids this user may work on, or 'all'. */
  units: string[] | 'all'
  disabled: boolean
}

type UserRow = { id: number; username: string; role: Role; all_units: number; disabled_at: string | null }

/** Accounts and their unit assignments. */
export function usersRepository(db: DB) {
  const byName = db.prepare<[string], UserRow & { password_hash: string }>(
    'SELECT id, username, role, all_units, disabled_at, password_hash FROM users WHERE username = ?',
  )
  const byId = db.prepare<[number], UserRow>('SELECT id, username, role, all_units, disabled_at FROM users WHERE id = ?')
  const unitsOf = db.prepare<[number], string>('SELECT unit_id FROM user_units WHERE user_id = ? ORDER BY unit_id').pluck()
  const insert = db.prepare(
    'INSERT INTO users (username, password_hash, role, all_units, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const insertUnit = db.prepare('INSERT OR IGNORE INTO user_units (user_id, unit_id) VALUES (?, ?)')
  const count = db.prepare('SELECT COUNT(*) FROM users').pluck()

  const toUser = (row: UserRow): User => ({
    id: row.id,
    username: row.username,
    role: row.role,
    units: row.all_units ? 'all' : unitsOf.all(row.id),
    disabled: row.disabled_at !== null,
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
  }
}
export type UsersRepository = ReturnType<typeof usersRepository>

/** Whether `user` may work on `unitId`. */
export function canAccessUnit(user: User, unitId: string): boolean {
  return user.units === 'all' || user.units.includes(unitId)
}
