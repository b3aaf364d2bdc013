import { DomainError, MAX_RECEIPT_IDS, responseIdKey, type SyncResult } from '@parsurvey/shared'
import type { User } from '../db/users.ts'
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
export async function currentReceipts(
  services: Pick<Services, 'responses'>,
  user: Pick<User, 'id'>,
  ids: readonly string[],
): Promise<SyncResult[]> {
  const stored = await services.responses.receipts(ids.map(responseIdKey))
  const receipts: SyncResult[] = []
  for (const asked of ids) {
    const found = stored.get(responseIdKey(asked))
    if (!found || found.receivedBy !== user.id) continue
    receipts.push({
      id: asked,
      status: 'duplicate',
      hash: found.hash,
      receivedAt: found.received_at,
      ...(found.paperEntry ? { paperEntry: found.paperEntry } : {}),
    })
  }
  return receipts
}
