import { DomainError, type AuditAction } from '@parsurvey/shared'
import type { Role, UserAccount } from '../db/users.ts'
import { parseRole, parseUnits, UNIT_ROLES } from './account-input.ts'

/**
 * The decisions of account administration, without storage: what an action changes, which
 * actions are refused, and what the audit log records. The running SQLite server
 * (db/account-actions.ts) and the store on the async boundary (storage/account-action-store.ts)
 * both decide with these, inside their transaction, on the account as they read it there.
 */

/** Who acts: a logged-in admin, or the command line (no user; actions prefixed `cli-`). */
export type Actor = { userId: number | null; via: 'api' | 'cli' }

/** The audit entry of an account action: the account as admins see it (never a password or its hash). */
export function accountAuditEntry(
  actor: Actor,
  action: Extract<AuditAction, `user-${string}`>,
  username: string,
  before: unknown,
  after: unknown,
) {
  const prefixed = actor.via === 'cli' ? (`cli-${action}` as const) : action
  return { userId: actor.userId, action: prefixed, target: `user:${username}`, before, after }
}

export const auditView = (u: UserAccount) => ({
  username: u.username,
  role: u.role,
  units: u.units,
  disabled: u.disabled,
})

export const accountNotFound = (username: string) =>
  new DomainError('user-not-found', { status: 404, params: { username } })

export const usernameTaken = (username: string) =>
  new DomainError('user-username-taken', { status: 409, field: 'username', params: { username } })

/**
 * Whether the change takes away an active admin; the action is then refused when that admin is
 * the last one (`refuseLastAdmin`), so the installation never stays without an active admin.
 */
export function removesAnActiveAdmin(before: UserAccount, after: { role: Role; disabled: boolean }): boolean {
  const wasActiveAdmin = before.role === 'admin' && !before.disabled
  return wasActiveAdmin && !(after.role === 'admin' && !after.disabled)
}

export function refuseLastAdmin(after: { disabled: boolean }): never {
  throw new DomainError('user-last-admin', { status: 409, field: after.disabled ? undefined : 'role' })
}

/** The role and units after an update; units are kept when still meaningful for the new role. */
export function nextAssignment(
  before: UserAccount,
  fields: Record<string, unknown>,
): { role: Role; units: string[] | 'all' } {
  const role = fields.role === undefined ? before.role : parseRole(fields.role)
  const keepUnits = fields.units === undefined && UNIT_ROLES.includes(before.role) && UNIT_ROLES.includes(role)
  return { role, units: keepUnits ? before.units : parseUnits(fields.units, role) }
}

/** Disabling a disabled account (or enabling an enabled one) is refused. */
export function refuseSameState(before: UserAccount, disabled: boolean): void {
  if (before.disabled === disabled)
    throw new DomainError(disabled ? 'user-already-disabled' : 'user-already-enabled', {
      status: 409,
      params: { username: before.username },
    })
}
