import {
  accountAuditEntry,
  accountNotFound,
  auditView,
  nextAssignment,
  refuseLastAdmin,
  refuseSameState,
  removesAnActiveAdmin,
  usernameTaken,
  type Actor,
} from '../accounts/account-rules.ts'
import { auditRepository } from './audit.ts'
import type { DB } from './connection.ts'
import { sessionsRepository } from './sessions.ts'
import { usersRepository, type Role, type UserAccount } from './users.ts'

/** A new account as the action gets it: validated, its password already hashed. */
export type NewAccount = {
  username: string
  role: Role
  units: string[] | 'all'
  passwordHash: string
  /** Whether the password was generated (recorded in the audit entry, never the password). */
  passwordGenerated: boolean
}

/**
 * The account actions and the log-in's last step on SQLite, each one synchronous transaction
 * (read, decide with accounts/account-rules.ts, write, audit), so nothing runs between the
 * check and the write. The running server reaches them through their async port
 * (`asyncPort`); storage/account-action-store.ts is the same port on PostgreSQL.
 */
export function accountActionsRepository(db: DB) {
  const users = usersRepository(db)
  const sessions = sessionsRepository(db)
  const audit = auditRepository(db)
  const mustFind = (username: string): UserAccount => {
    const found = users.findAccount(username)
    if (!found) throw accountNotFound(username)
    return found
  }
  const refuseIfLastAdmin = (before: UserAccount, after: { role: Role; disabled: boolean }) => {
    if (removesAnActiveAdmin(before, after) && users.enabledAdminCount() <= 1) refuseLastAdmin(after)
  }
  const recordLoginIfEnabled = db.prepare('UPDATE users SET last_login_at = ? WHERE id = ? AND disabled_at IS NULL')

  return {
    /** Creates the account (409 when the name is taken in any letter case) and audits it. */
    create: (input: NewAccount, actor: Actor): UserAccount =>
      db.transaction(() => {
        if (users.findAccount(input.username)) throw usernameTaken(input.username)
        const { passwordGenerated, ...fields } = input
        users.create(fields)
        const account = mustFind(input.username)
        audit.record(
          accountAuditEntry(actor, 'user-create', input.username, null, { ...auditView(account), passwordGenerated }),
        )
        return account
      })(),

    /**
     * First start: creates `accounts` only while the database has none, all in one transaction,
     * and returns what it created (nothing when any account exists). No audit entry, as before.
     */
    createFirst: (accounts: Omit<NewAccount, 'passwordGenerated'>[]): UserAccount[] =>
      db.transaction(() => {
        if (users.count() > 0) return []
        for (const account of accounts) users.create(account)
        return accounts.map((account) => mustFind(account.username))
      })(),

    /** Changes role and/or units (`fields` as the request gave them, parsed against the account). */
    update: (username: string, fields: Record<string, unknown>, actor: Actor): UserAccount =>
      db.transaction(() => {
        const before = mustFind(username)
        const { role, units } = nextAssignment(before, fields)
        refuseIfLastAdmin(before, { role, disabled: before.disabled })
        users.assign(before.id, role, units)
        const after = mustFind(username)
        audit.record(accountAuditEntry(actor, 'user-update', username, auditView(before), auditView(after)))
        return after
      })(),

    /** Disables (ending every session of the account) or re-enables an account. */
    setDisabled: (username: string, disabled: boolean, actor: Actor, now = new Date()): UserAccount =>
      db.transaction(() => {
        const before = mustFind(username)
        refuseSameState(before, disabled)
        refuseIfLastAdmin(before, { role: before.role, disabled })
        users.setDisabled(before.id, disabled ? now : null)
        const sessionsEnded = disabled ? sessions.destroyAllOf(before.id) : 0
        const after = mustFind(username)
        const action = disabled ? 'user-disable' : 'user-enable'
        audit.record(
          accountAuditEntry(actor, action, username, auditView(before), { ...auditView(after), sessionsEnded }),
        )
        return after
      })(),

    /** Sets a new password verifier and ends every session of the account. */
    setPassword: (username: string, passwordHash: string, passwordGenerated: boolean, actor: Actor): UserAccount =>
      db.transaction(() => {
        const account = mustFind(username)
        users.setPasswordHash(account.id, passwordHash)
        const sessionsEnded = sessions.destroyAllOf(account.id)
        audit.record(
          accountAuditEntry(actor, 'user-reset-password', username, null, { passwordGenerated, sessionsEnded }),
        )
        return account
      })(),

    /**
     * The last step of a log-in whose password was right: records the log-in and opens a session,
     * unless the account was disabled since its password was checked (then `undefined`).
     */
    logIn: (userId: number, now = new Date()): { token: string; expiresAt: Date } | undefined =>
      db.transaction(() => {
        if (recordLoginIfEnabled.run(now.toISOString(), userId).changes === 0) return undefined
        return sessions.create(userId, now)
      })(),
  }
}
export type AccountActionsRepository = ReturnType<typeof accountActionsRepository>
