import { DomainError } from '@parsurvey/shared'
import { ROLES, type Role } from '../db/users.ts'
import { shownValue } from '../http/shown-value.ts'

/** Shortest password an admin may set by hand (generated ones are 16 random characters). */
export const MIN_PASSWORD_LENGTH = 10
/** Longest password accepted: scrypt would take any length, but nobody types more. */
export const MAX_PASSWORD_LENGTH = 200

const USERNAME = /^[a-z0-9._-]{3,40}$/
const UNIT_ID = /^[A-Za-z0-9._-]{1,100}$/

/** Roles whose work is tied to assigned units; the others see every unit by their role. */
export const UNIT_ROLES: readonly Role[] = ['supervisor', 'surveyor']

export function parseUsername(value: unknown): string {
  if (value === undefined || value === null || value === '')
    throw new DomainError('required-field', { field: 'username' })
  if (typeof value !== 'string' || !USERNAME.test(value))
    throw new DomainError('user-username-invalid', { field: 'username' })
  return value
}

export function parseRole(value: unknown): Role {
  if (value === undefined || value === null || value === '') throw new DomainError('required-field', { field: 'role' })
  if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value)) {
    throw new DomainError('user-role-unknown', { field: 'role', params: { role: shownValue(value) } })
  }
  return value as Role
}

/**
 * The unit assignment for `role`: admins and analysts always get 'all' (a list for them is refused
 * rather than silently dropped); supervisors and surveyors need 'all' or a non-empty list.
 */
export function parseUnits(value: unknown, role: Role): string[] | 'all' {
  if (!UNIT_ROLES.includes(role)) {
    if (value === undefined || value === 'all') return 'all'
    throw new DomainError('user-units-not-applicable', { field: 'units', params: { role } })
  }
  if (value === undefined) throw new DomainError('required-field', { field: 'units' })
  if (value === 'all') return 'all'
  if (!Array.isArray(value) || value.length === 0 || value.length > 1000)
    throw new DomainError('user-units-invalid', { field: 'units' })
  const units = value.map((unit, i) => {
    if (typeof unit !== 'string' || !UNIT_ID.test(unit))
      throw new DomainError('user-units-invalid', { field: `units.${i}` })
    return unit
  })
  return [...new Set(units)].sort()
}

/** A password set by hand; `undefined` means "generate one". */
export function parsePassword(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new DomainError('user-password-not-text', { field: 'password' })
  if (value.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError('user-password-too-short', { field: 'password', params: { min: MIN_PASSWORD_LENGTH } })
  }
  if (value.length > MAX_PASSWORD_LENGTH) {
    throw new DomainError('user-password-too-long', { field: 'password', params: { max: MAX_PASSWORD_LENGTH } })
  }
  return value
}
