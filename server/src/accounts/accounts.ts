import { generatePassword, hashPassword } from '../auth/password.ts'
import type { UserAccount } from '../db/users.ts'
import type { Services } from '../services.ts'
import { parsePassword, parseRole, parseUnits, parseUsername } from './account-input.ts'
import { accountNotFound, type Actor } from './account-rules.ts'

/**
 * Account administration, shared by the users API and `parsurvey user`. The input is validated
 * and a password hashed here; each action then validates what depends on the account, changes it
 * and writes its audit entry in ONE port method (`services.accounts`, one transaction on either
 * engine: db/account-actions.ts, storage/account-action-store.ts), never a check and a write
 * separated by an `await`.
 */

export type { Actor }
type Fields = Record<string, unknown>
type AccountServices = Pick<Services, 'accounts' | 'users'>
export type PasswordOutcome = { user: UserAccount; password?: string }

/** Creates an account; the password is generated (and returned once) when none is given. */
export async function createAccount(services: AccountServices, actor: Actor, fields: Fields): Promise<PasswordOutcome> {
  const username = parseUsername(fields.username)
  const role = parseRole(fields.role)
  const units = parseUnits(fields.units, role)
  const given = parsePassword(fields.password)
  const password = given ?? generatePassword()
  const passwordHash = await hashPassword(password)
  const passwordGenerated = given === undefined
  const user = await services.accounts.create({ username, role, units, passwordHash, passwordGenerated }, actor)
  return passwordGenerated ? { user, password } : { user }
}

/** Changes the role and/or unit assignment. Units are kept when still meaningful for the new role. */
export const updateAccount = (services: AccountServices, actor: Actor, username: string, fields: Fields) =>
  services.accounts.update(username, fields, actor)

/** Disables (ending every session of the account) or re-enables an account. */
export const setAccountDisabled = (services: AccountServices, actor: Actor, username: string, disabled: boolean) =>
  services.accounts.setDisabled(username, disabled, actor)

/** Sets a new password (generated and returned once when none is given) and ends every session. */
export async function resetPassword(
  services: AccountServices,
  actor: Actor,
  username: string,
  fields: Fields,
): Promise<PasswordOutcome> {
  // An unknown account answers 404 before its new password is judged or hashed; the action
  // itself finds the account again inside its transaction.
  if (!(await services.users.findAccount(username))) throw accountNotFound(username)
  const given = parsePassword(fields.password)
  const password = given ?? generatePassword()
  const passwordHash = await hashPassword(password)
  const user = await services.accounts.setPassword(username, passwordHash, given === undefined, actor)
  return given === undefined ? { user, password } : { user }
}
