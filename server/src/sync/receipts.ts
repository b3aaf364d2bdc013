import { DomainError, MAX_RECEIPT_IDS, responseIdKey, type SyncResult } from '@parsurvey/shared'
import type { User } from '../db/users.ts'
import { paperEntryOf } from '../paper/double-entry.ts'
import type { Services } from '../services.ts'

/** The longest id looked up (a response id is a UUID, 36 characters). */
const MAX_ID_LENGTH = 100

/** The `ids` of `GET /api/sync/receipts`: 1 to MAX_RECEIPT_IDS comma-separated ids, each looked up once. */
export function parseReceiptIds(raw: string | undefined): string[] {
  const ids = (raw ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')
  if (ids.length === 0 || ids.length > MAX_RECEIPT_IDS || ids.some((id) => id.length > MAX_ID_LENGTH))
    throw new DomainError('sync-receipt-ids', { field: 'ids', params: { max: MAX_RECEIPT_IDS } })
  return [...new Set(ids)]
}

/**
 * The receipts a resend of each response would get now (docs/sync.md, "Receipts asked again"):
 * `duplicate`, the stored hash and time, and where its paper form stands today. Only responses
 * received from `user`'s own account are answered: anyone else's id is left out, as is an id not
 * stored, so the reply tells nothing about other people's responses, nor whether they exist.
 */
export function currentReceipts(
  services: Pick<Services, 'responses' | 'paperForms'>,
  user: Pick<User, 'id'>,
  ids: readonly string[],
): SyncResult[] {
  const receipts: SyncResult[] = []
  for (const asked of ids) {
    const storedId = services.responses.storedIdOf(responseIdKey(asked))
    const stored = services.responses.receiptOf(storedId)
    if (!stored || stored.receivedBy !== user.id) continue
    const paperEntry = paperEntryOf(services, storedId)
    receipts.push({
      id: asked,
      status: 'duplicate',
      hash: stored.hash,
      receivedAt: stored.received_at,
      ...(paperEntry ? { paperEntry } : {}),
    })
  }
  return receipts
}
