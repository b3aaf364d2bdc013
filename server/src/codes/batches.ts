import {
  ACCESS_CODE_BYTES,
  accessCodeFromBytes,
  DomainError,
  formatAccessCode,
  type BatchWithCodes,
  type CodeBatch,
  type CodeStatus,
  type IssuedCode,
} from '@parsurvey/shared'
import { createHash, randomBytes } from 'node:crypto'
import type { StoredCode } from '../db/access-codes.ts'
import type { Services } from '../services.ts'
import type { BatchInput } from './batch-input.ts'
import { isExpired } from './expiry.ts'

/** The lookup key of a normalised code: sha-256 hex. 80 random bits need no salt or stretching. */
export function hashAccessCode(code: string): string {
  return createHash('sha256').update(code).digest('hex')
}

export function codeStatus(
  code: Pick<StoredCode, 'usedAt'>,
  batch: Pick<CodeBatch, 'expiresAt'>,
  now: Date,
): CodeStatus {
  if (code.usedAt !== null) return 'used'
  return isExpired(batch.expiresAt, now) ? 'expired' : 'unused'
}

/**
 * Issues a batch: `count` fresh codes from the OS random source, stored as hash + sealed text,
 * with the batch row and its audit entry in one transaction. Returns the batch with its codes.
 */
export async function issueBatch(
  services: Services,
  input: BatchInput,
  userId: number,
  now = new Date(),
): Promise<BatchWithCodes> {
  const { accessCodes, codeCipher } = services
  const batch: Omit<CodeBatch, 'id'> = {
    surveyId: input.survey.id,
    surveyVersion: input.survey.version,
    unitId: input.unitId,
    groupId: input.groupId,
    locationId: input.locationId,
    count: input.count,
    note: input.note,
    expiresAt: input.expiresAt,
    createdAt: now.toISOString(),
    createdBy: userId,
  }
  const id = await accessCodes.issue(
    batch,
    () => {
      const code = accessCodeFromBytes(randomBytes(ACCESS_CODE_BYTES))
      const hash = hashAccessCode(code)
      return { hash, sealed: codeCipher.seal(code, hash) }
    },
    now,
  )
  return batchWithCodes(services, id, now)
}

/** A batch with its codes readable again (for reprinting), or 404. */
export async function batchWithCodes(services: Services, id: number, now = new Date()): Promise<BatchWithCodes> {
  const { accessCodes, codeCipher } = services
  const batch = await accessCodes.batch(id)
  if (!batch) throw new DomainError('code-batch-not-found', { status: 404, field: 'id', params: { id } })
  const codes = (await accessCodes.codes(id)).map((stored): IssuedCode => {
    const code = codeCipher.open(stored.sealed, stored.hash)
    if (code === undefined) throw new DomainError('code-key-missing', { status: 409 })
    return {
      code: formatAccessCode(code),
      status: codeStatus(stored, batch, now),
      usedAt: stored.usedAt,
      responseId: stored.responseId,
    }
  })
  const count = (status: CodeStatus) => codes.filter((c) => c.status === status).length
  return { ...batch, issued: codes.length, used: count('used'), expired: count('expired'), codes }
}

/** Records that a user read a batch's codes (view, spreadsheet or slips): they are secrets. */
export async function auditReveal(
  services: Services,
  userId: number,
  batchId: number,
  format: 'json' | 'csv' | 'slips',
): Promise<void> {
  await services.audit.record({
    userId,
    action: 'code-batch-reveal',
    target: `code-batch:${batchId}`,
    after: { format },
  })
}
