import { MAX_RECEIPT_IDS, responseIdKey, type PaperEntryReceipt, type ReceiptsReply } from '@parsurvey/shared'
import type { DeviceStore, OutboxEntry, Receipt } from '../storage/storage.ts'

/** A paper form whose state may still change: awaiting its second keying, or keyings that differ. */
export const unsettled = (entry: PaperEntryReceipt | undefined): boolean =>
  entry?.state === 'awaiting' || entry?.state === 'conflict'

/** The newest paper-entry state any receipt of a response told (receipts oldest first). */
export const newestPaperEntry = (receipts: readonly Receipt[]): PaperEntryReceipt | undefined =>
  [...receipts].reverse().find((r) => r.paperEntry)?.paperEntry

export type PaperReceiptDeps = {
  storage: Pick<DeviceStore, 'receipts' | 'recordSync'>
  /** `GET /api/sync/receipts` for at most MAX_RECEIPT_IDS ids. */
  ask: (ids: string[]) => Promise<ReceiptsReply>
}

/**
 * Asks the server again where the sent paper forms not yet settled stand (docs/paper-forms.md):
 * a second keying or a supervisor's decision reaches the tablet this way. A receipt that tells a
 * new state is kept beside the earlier ones (receipts are append-only, the newest state is shown);
 * one that tells nothing new is not stored. Settled forms (matched, resolved) never change and are
 * not asked about. Returns how many forms were asked about and how many changed; network and
 * server errors are the caller's (nothing is stored then).
 */
export async function askPaperReceiptsAgain(
  deps: PaperReceiptDeps,
  entries: readonly OutboxEntry[],
): Promise<{ asked: number; changed: number }> {
  const known = new Map<string, PaperEntryReceipt>()
  for (const e of entries) {
    if (e.state !== 'sent' || e.response.channel !== 'paper') continue
    const entry = newestPaperEntry(await deps.storage.receipts(e.id))
    if (entry && unsettled(entry)) known.set(responseIdKey(e.id), entry)
  }
  const ids = entries.map((e) => e.id).filter((id) => known.has(responseIdKey(id)))
  const changed: Receipt[] = []
  for (let i = 0; i < ids.length; i += MAX_RECEIPT_IDS) {
    const chunk = ids.slice(i, i + MAX_RECEIPT_IDS)
    const byKey = new Map(chunk.map((id) => [responseIdKey(id), id]))
    const reply = await deps.ask(chunk)
    for (const receipt of reply.receipts) {
      const id = byKey.get(responseIdKey(receipt.id))
      const before = known.get(responseIdKey(receipt.id))
      if (id === undefined || !receipt.paperEntry || !before) continue
      if (receipt.paperEntry.state !== before.state) changed.push({ ...receipt, id })
    }
  }
  if (changed.length > 0) await deps.storage.recordSync(changed, [])
  return { asked: ids.length, changed: changed.length }
}
