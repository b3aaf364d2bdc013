import { ACCESS_CODE_BYTES, accessCodeFromBytes, DomainError, formatAccessCode } from '@parsurvey/shared'
import { randomBytes } from 'node:crypto'
import { hashAccessCode } from '../codes/batches.ts'
import type { StoredRespondent } from '../db/respondents.ts'
import type { Services } from '../services.ts'

/**
 * A fresh personal code for a person on the register: the same 80 random bits, alphabet and
 * hashing as one-time access codes (shared/src/codes/access-code.ts), so `/r/<code>` takes both
 * and guesses of either count against the same per-IP limit (codes/lookup-limiter.ts). Sealed
 * with the access-code key so invitations and reminders can carry it again. The import's port
 * draws again when the hash repeats any personal or access code (db/register-imports.ts).
 */
export function drawPersonalCode(services: Pick<Services, 'codeCipher'>): { hash: string; sealed: string } {
  const code = accessCodeFromBytes(randomBytes(ACCESS_CODE_BYTES))
  const hash = hashAccessCode(code)
  return { hash, sealed: services.codeCipher.seal(code, hash) }
}

/** The person's code as printed (`XXXX-XXXX-XXXX-XXXX`); 409 when the key file is missing. */
export function personalCode(services: Services, person: StoredRespondent): string {
  const code = services.codeCipher.open(person.codeSealed, person.codeHash)
  if (code === undefined) throw new DomainError('code-key-missing', { status: 409 })
  return formatAccessCode(code)
}
