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
import type { AccountActionsRepository, NewAccount } from '../db/account-actions.ts'
import type { Role, UserAccount } from '../db/users.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { sessionStore } from './session-store.ts'
import { takeNamedLock, writeTransaction, type Tx } from './transactions.ts'
import { userStore } from './user-store.ts'

/**
 * The account actions and the log-in's last step on the async boundary (docs/storage.md), the
 * port of db/account-actions.ts: each one write transaction that reads the account, decides with
 * accounts/account-rules.ts, writes and records its audit entry.
 *
 * On PostgreSQL every account action first takes the named lock `accounts`, so actions through
 * several app servers run one after the other: two admins disabling the last two other admins
 * at once cannot both see "another active admin remains" (each would under READ COMMITTED).
 * Account actions are rare, so the lock costs nothing that matters. A log-in does not take it:
 * its conditional update (`WHERE disabled_at IS NULL`) waits for a disabling transaction's row
 * lock and then re-reads the row, so a session is never opened for an account disabled before
 * it, and one opened just before is ended by the disabling transaction.
 */
export function accountActionStore(storage: Storage) {
  const act = <T>(fn: (trx: Tx) => Promise<T>) =>
    writeTransaction(storage, async (trx) => {
      await takeNamedLock(storage, trx, 'accounts')
      return fn(trx)
    })
  async function mustFind(trx: Tx, username: string): Promise<UserAccount> {
    const found = await userStore(trx).findAccount(username)
    if (!found) throw accountNotFound(username)
    return found
  }
  async function refuseIfLastAdmin(trx: Tx, before: UserAccount, after: { role: Role; disabled: boolean }) {
    if (removesAnActiveAdmin(before, after) && (await userStore(trx).enabledAdminCount()) <= 1) refuseLastAdmin(after)
  }

  return {
    create: (input: NewAccount, actor: Actor) =>
      act(async (trx) => {
        const { passwordGenerated, ...fields } = input
        if ((await userStore(trx).create(fields)) === 'taken') throw usernameTaken(input.username)
        const account = await mustFind(trx, input.username)
        await auditStore(trx).record(
          accountAuditEntry(actor, 'user-create', input.username, null, { ...auditView(account), passwordGenerated }),
        )
        return account
      }),

    /** Under the `accounts` lock, so of two servers starting on an empty database one creates them. */
    createFirst: (accounts: Omit<NewAccount, 'passwordGenerated'>[]) =>
      act(async (trx) => {
        const users = userStore(trx)
        if ((await users.count()) > 0) return []
        const created: UserAccount[] = []
        for (const account of accounts) {
          await users.create(account)
          created.push(await mustFind(trx, account.username))
        }
        return created
      }),

    update: (username: string, fields: Record<string, unknown>, actor: Actor) =>
      act(async (trx) => {
        const before = await mustFind(trx, username)
        const { role, units } = nextAssignment(before, fields)
        await refuseIfLastAdmin(trx, before, { role, disabled: before.disabled })
        await userStore(trx).assign(before.id, role, units)
        const after = await mustFind(trx, username)
        await auditStore(trx).record(
          accountAuditEntry(actor, 'user-update', username, auditView(before), auditView(after)),
        )
        return after
      }),

    setDisabled: (username: string, disabled: boolean, actor: Actor, now = new Date()) =>
      act(async (trx) => {
        const before = await mustFind(trx, username)
        refuseSameState(before, disabled)
        await refuseIfLastAdmin(trx, before, { role: before.role, disabled })
        await userStore(trx).setDisabled(before.id, disabled ? now : null)
        const sessionsEnded = disabled ? await sessionStore(trx).destroyAllOf(before.id) : 0
        const after = await mustFind(trx, username)
        const action = disabled ? 'user-disable' : 'user-enable'
        await auditStore(trx).record(
          accountAuditEntry(actor, action, username, auditView(before), { ...auditView(after), sessionsEnded }),
        )
        return after
      }),

    setPassword: (username: string, passwordHash: string, passwordGenerated: boolean, actor: Actor) =>
      act(async (trx) => {
        const account = await mustFind(trx, username)
        await userStore(trx).setPasswordHash(account.id, passwordHash)
        const sessionsEnded = await sessionStore(trx).destroyAllOf(account.id)
        await auditStore(trx).record(
          accountAuditEntry(actor, 'user-reset-password', username, null, { passwordGenerated, sessionsEnded }),
        )
        return account
      }),

    logIn: (userId: number, now = new Date()) =>
      writeTransaction(storage, async (trx) => {
        const recorded = await trx
          .updateTable('users')
          .set({ last_login_at: now.toISOString() })
          .where('id', '=', userId)
          .where('disabled_at', 'is', null)
          .executeTakeFirst()
        if (Number(recorded.numUpdatedRows) === 0) return undefined
        return sessionStore(trx).create(userId, now)
      }),
  } satisfies Async<AccountActionsRepository>
}
