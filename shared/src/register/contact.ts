import { z } from 'zod'
import type { RegisterContact } from '../api/register.ts'

/** Longest e-mail address accepted (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254

const emailSchema = z.email()

/**
 * The e-mail as stored and matched: NFC, trimmed, lower case (two rows that differ only in case
 * are one person), or undefined when it is not an address.
 * @example normaliseEmail(' Nguyen.An@SoNoiVu.gov.vn ') === 'nguyen.an@sonoivu.gov.vn'
 */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.normalize('NFKC').trim().toLowerCase()
  if (email.length > MAX_EMAIL_LENGTH || !emailSchema.safeParse(email).success) return undefined
  return email
}

/**
 * A Vietnamese phone number as stored and matched: digits only, starting with 0, 10 or 11 digits
 * (mobiles and landlines). `+84` / `84` become 0, and a number a spreadsheet stored as a number
 * (its leading 0 lost, 9 or 10 digits) gets it back. Undefined when it cannot be a number.
 * @example normalisePhone('+84 912.345.678') === '0912345678'
 */
export function normalisePhone(raw: string): string | undefined {
  const text = raw.normalize('NFKC').trim()
  if (text.length > 40 || !/^\+?[\d\s.()-]+$/.test(text)) return undefined
  let digits = text.replace(/\D/g, '')
  if (text.startsWith('+') || (digits.startsWith('84') && digits.length >= 11)) {
    if (!digits.startsWith('84')) return undefined
    digits = `0${digits.slice(2)}`
  } else if (!digits.startsWith('0') && (digits.length === 9 || digits.length === 10)) digits = `0${digits}`
  return /^0\d{9,10}$/.test(digits) ? digits : undefined
}

/** The contact of a stored person, without their units or anything else the register keeps. */
export function registerContact(person: RegisterContact): RegisterContact {
  const { id, name, position, organisation, groupId, email, phone } = person
  return { id, name, position, organisation, groupId, email, phone }
}
