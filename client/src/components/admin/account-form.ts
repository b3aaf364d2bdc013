import type { Role } from '../../api/endpoints.ts'

/** Same rules as the server (accounts/account-input.ts), checked before sending so errors show at once. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/
export const MIN_PASSWORD_LENGTH = 10
export const UNIT_ROLES: readonly Role[] = ['supervisor', 'surveyor']

export type AccountForm = { username: string; role: Role | ''; allUnits: boolean; units: string[]; password: string }
export type AccountField = 'username' | 'role' | 'units' | 'password'
/** Field → message key in the admin catalogue. */
export type AccountErrors = Partial<Record<AccountField, string>>

export function accountFormErrors(form: AccountForm): AccountErrors {
  const errors: AccountErrors = {}
  if (form.username.trim() === '') errors.username = 'admin.accounts.errors.usernameRequired'
  else if (!USERNAME_PATTERN.test(form.username.trim())) errors.username = 'admin.accounts.errors.usernameInvalid'
  if (form.role === '') errors.role = 'admin.accounts.errors.roleRequired'
  else if (UNIT_ROLES.includes(form.role) && !form.allUnits && form.units.length === 0)
    errors.units = 'admin.accounts.errors.unitsRequired'
  if (form.password !== '' && form.password.length < MIN_PASSWORD_LENGTH)
    errors.password = 'admin.accounts.errors.passwordShort'
  return errors
}

/** The request body for POST /api/users: units only for roles tied to units; no password = generate. */
export function accountInput(form: AccountForm) {
  const role = form.role as Role
  const units: string[] | 'all' = !UNIT_ROLES.includes(role) || form.allUnits ? 'all' : [...form.units].sort()
  return { username: form.username.trim(), role, units, ...(form.password ? { password: form.password } : {}) }
}
