import { DomainError, type Locale, type SyncResult } from '@parsurvey/shared'
import type { StoredReceipt } from '../db/responses.ts'
import { maySeeResponse, type User } from '../db/users.ts'

/**
 * What a resend of a stored id is, whichever engine stores it: the same content → `duplicate`;
 * other content → `conflict` (kept for review) if the sender may see the stored response, else
 * `taken` (nothing kept: a conflict would show them, or the unit's supervisor, a response that is
 * not theirs). `sender` is null for a respondent with an access code, who may see no stored response.
 */
export function resendVerdict(
  sentHash: string,
  previous: StoredReceipt,
  sender: User | null,
): 'duplicate' | 'conflict' | 'taken' {
  if (previous.hash === sentHash) return 'duplicate'
  return sender && maySeeResponse(sender, previous) ? 'conflict' : 'taken'
}

/** The receipt of a resend refused because its id belongs to a response the sender may not see. */
export function takenReceipt(id: string, receivedAt: string, locale: Locale): SyncResult {
  const taken = new DomainError('response-id-taken', { field: 'id', params: { id } })
  return { id, status: 'rejected', hash: null, receivedAt, error: taken.toBody(locale).error }
}

/** The receipt of a conflicting resend, kept for a supervisor since `at`. */
export function conflictReceipt(id: string, hash: string, at: string, locale: Locale): SyncResult {
  const error = new DomainError('response-conflict', { field: 'id', params: { id } }).toBody(locale).error
  return { id, status: 'conflict', hash, receivedAt: at, error }
}
