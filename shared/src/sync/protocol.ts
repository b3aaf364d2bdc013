import type { PaperEntryReceipt } from '../api/paper-forms.ts'
import type { Response } from '../response/schema.ts'

/** Wire shapes of `POST /api/sync` (docs/sync.md, docs/formats.md). Keep them; add fields freely. */
export type SyncRequest = { responses: unknown[] }

export type SyncStatus = 'stored' | 'duplicate' | 'conflict' | 'rejected'

/** A receipt: the device keeps it as proof that the server holds this exact response. */
export type SyncResult = {
  id: string
  status: SyncStatus
  /** sha-256 of the response's canonical JSON, hex. */
  hash: string | null
  receivedAt: string
  error?: ApiErrorBody['error']
  /** Kept, but worth telling the surveyor (e.g. `sync-round-closed`: stored after the round closed). */
  notice?: { code: string; message: string }
  /** A paper form in a survey with double entry: which keying this was and where the form stands. */
  paperEntry?: PaperEntryReceipt
}
export type SyncReply = { results: SyncResult[] }

/** Most ids asked for in one `GET /api/sync/receipts`. */
export const MAX_RECEIPT_IDS = 100

/**
 * `GET /api/sync/receipts?ids=<id>,<id>…` (at most MAX_RECEIPT_IDS): the receipt a resend of each
 * listed response would get now — `duplicate`, its stored hash and time, and where its paper form
 * stands today (a later keying or a supervisor's decision) — without sending it again. Only the
 * caller's own responses (received from their account) are answered; other ids are left out.
 */
export type ReceiptsReply = { receipts: SyncResult[] }

/** Every error the API returns has this body. */
export type ApiErrorBody = { error: { code: string; message: string; field?: string } }

export type { Response }
