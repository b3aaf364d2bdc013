import { DomainError, type AuditAction } from '@parsurvey/shared'
import { generatePassword, hashPassword } from '../auth/password.ts'
import type { UserAccount } from '../db/users.ts'
import type { Services } from '../services.ts'
import { parsePassword, parseRole, parseUnits, parseUsername, UNIT_ROLES } from './account-input.ts'

/**
 * Account administration, shared by the users API and `parsurvey user`. Each action validates,
 * changes the account and writes its audit entry in one transaction. The audit keeps the account
 * as admins see it (never a password or its hash).
 */

/** Who acts: a logged-in admin, or the command line (no user; actions prefixed `cli-`). */
export type Actor = { userId: number | null; via: 'api' | 'cli' }

type Fields = Record<string, unknown>
export type PasswordOutcome = { user: UserAccount; password?: string }

const auditView = (u: UserAccount) => ({ username: u.username, role: u.role, units: u.units, disabled: u.disabled })

function record(
  services: Services,
  actor: Actor,
  action: Extract<AuditAction, `user-${string}`>,
  target: string,
  before: unknown,
  after: unknown,
): void {
  const prefixed = actor.via === 'cli' ? (`cli-${action}` as const) : action
  services.audit.record({ userId: actor.userId, action: prefixed, target: `user:${target}`, before, after })
}

function mustFind(services: Services, username: string): UserAccount {
  const found = services.users.findAccount(username)
  if (!found) throw new DomainError('user-not-found', { status: 404, params: { username } })
  return found
}

/** Refuses to leave the installation without an active admin. */
function keepAnAdmin(services: Services, before: UserAccount, after: { role: string; disabled: boolean }): void {
  const wasActiveAdmin = before.role === 'admin' && !before.disabled
  const staysActiveAdmin = after.role === 'admin' && !after.disabled
  if (wasActiveAdmin && !staysActiveAdmin && services.users.enabledAdminCount() <= 1) {
    throw new DomainError('user-last-admin', { status: 409, field: after.disabled ? undefined : 'role' })
  }
}

/** Creates an account; the password is generated (and returned once) when none is given. */
export async function createAccount(services: Services, actor: Actor, fields: Fields): Promise<PasswordOutcome> {
  const username = parseUsername(fields.username)
  const role = parseRole(fields.role)
  const units = parseUnits(fields.units, role)
  const given = parsePassword(fields.password)
  const password = given ?? generatePassword()
  const passwordHash = await hashPassword(password)
  const user = services.db.transaction(() => {
    if (services.users.findAccount(username)) {
      throw new DomainError('user-username-taken', { status: 409, field: 'username', params: { username } })
    }
    const created = services.users.create({ username, role, units, passwordHash })
    const account = mustFind(services, created.username)
    record(services, actor, 'user-create', username, null, {
      ...auditView(account),
      passwordGenerated: given === undefined,
    })
    return account
  })()
  return given === undefined ? { user, password } : { user }
}

/** Changes the role and/or unit assignment. Units are kept when still meaningful for the new role. */
export function updateAccount(services: Services, actor: Actor, username: string, fields: Fields): UserAccount {
  return services.db.transaction(() => {
    const before = mustFind(services, username)
    const role = fields.role === undefined ? before.role : parseRole(fields.role)
    const keepUnits = fields.units === undefined && UNIT_ROLES.includes(before.role) && UNIT_ROLES.includes(role)
    const units = keepUnits ? before.units : parseUnits(fields.units, role)
    keepAnAdmin(services, before, { role, disabled: before.disabled })
    services.users.assign(before.id, role, units)
    const after = mustFind(services, username)
    record(services, actor, 'user-update', username, auditView(before), auditView(after))
    return after
  })()
}

/** Disables (ending every session of the account) or re-enables an account. */
export function setAccountDisabled(services: Services, actor: Actor, username: string, disabled: boolean): UserAccount {
  return services.db.transaction(() => {
    const before = mustFind(services, username)
    if (before.disabled === disabled) {
      throw new DomainError(disabled ? 'user-already-disabled' : 'user-already-enabled', {
        status: 409,
        params: { username },
      })
    }
    keepAnAdmin(services, before, { role: before.role, disabled })
    services.users.setDisabled(before.id, disabled ? new Date() : null)
    const sessionsEnded = disabled ? services.sessions.destroyAllOf(before.id) : 0
    const after = mustFind(services, username)
    record(services, actor, disabled ? 'user-disable' : 'user-enable', username, auditView(before), {
      ...auditView(after),
      sessionsEnded,
    })
    return after
  })()
}

/** Sets a new password (generated and returned once when none is given) and ends every session. */
export async function resetPassword(
  services: Services,
  actor: Actor,
  username: string,
  fields: Fields,
): Promise<PasswordOutcome> {
  mustFind(services, username)
  const given = parsePassword(fields.password)
  const password = given ?? generatePassword()
  const passwordHash = await hashPassword(password)
  const user = services.db.transaction(() => {
    const account = mustFind(services, username)
    services.users.setPasswordHash(account.id, passwordHash)
    const sessionsEnded = services.sessions.destroyAllOf(account.id)
    record(services, actor, 'user-reset-password', username, null, {
      passwordGenerated: given === undefined,
      sessionsEnded,
    })
    return account
  })()
  return given === undefined ? { user, password } : { user }
}
