import type { PaperEntryReceipt, SyncResult } from '@parsurvey/shared'
import type { Kysely, Transaction } from 'kysely'
import type { StoredReceipt } from '../db/responses.ts'
import type { StoredSyncReceipt } from '../sync-services.ts'
import { hashAs, type CheckedBatch, type ValidResponse } from '../sync/ingest.ts'
import { conflictReceipt, resendVerdict, takenReceipt } from '../sync/resend.ts'
import type { Storage } from './open-storage.ts'
import type { ResponsesTable, StorageSchema } from './schema.ts'
import { keyPaperForms, type NewKeying } from './paper-keying.ts'
import { takeFoldLock, type Tx } from './transactions.ts'

/** Rows per INSERT: 11 bound values each stays far below both engines' parameter limits. */
const CHUNK = 500

/** A batch to store; `sender` is null for a respondent without an account (an access code). */
type StoreBatch = Omit<CheckedBatch, 'sender'> & { sender: CheckedBatch['sender'] | null }

type Slot = { batch: StoreBatch; index: number; item: ValidResponse; storedId: string }

/**
 * The sync response store on the async storage boundary (docs/storage.md), for SQLite and
 * PostgreSQL alike: the same receipts as sync/ingest.ts's `storeBatches`, which the running
 * SQLite server keeps (sync-services.ts); the PostgreSQL server stores with this one. Exactly
 * once without relying on a single writer:
 *
 * - all batches of a call go into one transaction; receipts exist only after it commits;
 * - new responses go in as `INSERT … ON CONFLICT (id) DO NOTHING RETURNING id`: an id that comes
 *   back was stored by this transaction, whatever other servers do at the same moment (on
 *   PostgreSQL a concurrent insert of the same id waits for the other transaction's outcome);
 * - rows are inserted in id order, so two transactions with overlapping ids lock them in the
 *   same order and never deadlock;
 * - every other id is a resend: its stored receipt is read inside the transaction (after the
 *   other transaction committed) and judged by the same rule as the sync route (sync/resend.ts).
 *
 * Aggregates are not written here: storage/aggregate-store.ts folds the stored responses later,
 * in bulk (only paper keyings under double entry write a delta here, paper-keying.ts, as SQLite's
 * `keyPaperForm` does). On PostgreSQL the insert holds the shared fold lock, so a fold never moves
 * the watermark past a seq this transaction has not committed yet (transactions.ts).
 */
export function responseStore(storage: Storage) {
  let legacyIds: Promise<Map<string, string>> | undefined
  /** Ids stored before ids were lower-cased (migration 010); no new ones are ever added. */
  const folds = (db: Kysely<StorageSchema>) =>
    (legacyIds ??= db
      .selectFrom('response_id_folds')
      .select(['folded', 'id'])
      .execute()
      .then(
        (rows) => new Map(rows.map((r) => [r.folded, r.id])),
        (error: unknown) => {
          legacyIds = undefined
          throw error
        },
      ))

  /** Stores `batches` in `trx`, which has taken the shared fold lock; one list of receipts per batch. */
  async function storeIn(trx: Transaction<StorageSchema>, batches: StoreBatch[]): Promise<SyncResult[][]> {
    // Read through `trx`: on SQLite the transaction holds the one connection.
    const legacy = await folds(trx)
    const results = batches.map((batch) =>
      batch.items.map((item) => (item.kind === 'rejected' ? item.result : undefined)),
    )
    const slots: Slot[] = []
    batches.forEach((batch, b) =>
      batch.items.forEach((item, index) => {
        if (item.kind !== 'valid') return
        const storedId = legacy.get(item.response.id) ?? item.response.id
        slots.push({ batch: batches[b]!, index, item, storedId })
      }),
    )
    // Stable: duplicates of one id keep their request order, so the first one sent is stored.
    slots.sort((x, y) => (x.storedId < y.storedId ? -1 : x.storedId > y.storedId ? 1 : 0))
    const receipts = await storeSlots(storage, trx, slots)
    slots.forEach((slot, i) => {
      results[batches.indexOf(slot.batch)]![slot.index] = receipts[i]
    })
    return results.map((list) => list.map((r) => r!))
  }

  return {
    /** Stores checked batches in one transaction; one list of receipts per batch, in request order. */
    storeBatches: (batches: CheckedBatch[]): Promise<SyncResult[][]> =>
      storage.db.transaction().execute(async (trx) => {
        // PostgreSQL: no fold may read past a seq this transaction holds uncommitted (transactions.ts).
        await takeFoldLock(storage, trx, 'store')
        return storeIn(trx, batches)
      }),
    /**
     * Stores in the caller's transaction, which must have taken the shared fold lock
     * (`takeFoldLock(storage, trx, 'store')`), so that another write (a code's use, a sitting
     * unit marked sent) commits or rolls back with the responses. Receipts hold once it commits.
     */
    storeIn,

    /**
     * The stored receipt of each id (lower case) that is stored, with where its paper form stands
     * (a keying under double entry), as `GET /api/sync/receipts` answers it (sync/receipts.ts).
     */
    async receipts(ids: readonly string[]): Promise<Map<string, StoredSyncReceipt>> {
      const legacy = await folds(storage.db)
      const storedIds = ids.map((id) => legacy.get(id) ?? id)
      const stored = await receiptsOf(storage.db, storedIds)
      const paper = await paperEntriesOf(storage.db, [...stored.keys()])
      const found = new Map<string, StoredSyncReceipt>()
      ids.forEach((id, i) => {
        const receipt = stored.get(storedIds[i]!)
        if (receipt) found.set(id, { ...receipt, paperEntry: paper.get(storedIds[i]!) ?? null })
      })
      return found
    },
  }
}
export type ResponseStore = ReturnType<typeof responseStore>

async function storeSlots(storage: Storage, trx: Transaction<StorageSchema>, slots: Slot[]): Promise<SyncResult[]> {
  const fresh = slots.filter((s) => s.storedId === s.item.response.id)
  const stored = new Set<string>()
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const rows = fresh.slice(i, i + CHUNK).map(rowOf)
    const inserted = await trx
      .insertInto('responses')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute()
    for (const { id } of inserted) stored.add(id)
  }
  const keyed = await keyPaperForms(storage, trx, await newKeyings(trx, slots, stored))
  const resent = [...new Set(slots.map((s) => s.storedId))]
  const previous = await receiptsOf(trx, resent)
  // A resent keying's receipt says where its paper form stands, as on SQLite (sync/ingest.ts).
  const paper = await paperEntriesOf(
    trx,
    resent.filter((id) => !stored.has(id)),
  )
  const receipts: SyncResult[] = []
  for (const slot of slots) {
    const { response, hash } = slot.item
    const receivedAt = slot.batch.receivedAt
    if (stored.delete(slot.storedId)) {
      const paperEntry = keyed.get(response.id)
      receipts.push({ id: response.id, status: 'stored', hash, receivedAt, ...(paperEntry ? { paperEntry } : {}) })
      continue
    }
    const before = previous.get(slot.storedId)
    if (!before) throw new Error(`response ${response.id} was refused as taken but is not stored`)
    const verdict = resendVerdict(hashAs(slot.item, slot.storedId), before, slot.batch.sender)
    if (verdict === 'duplicate') {
      const paperEntry = paper.get(slot.storedId)
      receipts.push({
        id: response.id,
        status: 'duplicate',
        hash,
        receivedAt: before.received_at,
        ...(paperEntry ? { paperEntry } : {}),
      })
    } else if (verdict === 'taken') receipts.push(takenReceipt(response.id, receivedAt, slot.batch.locale))
    else {
      const at = await recordConflict(trx, slot, receivedAt)
      receipts.push(conflictReceipt(response.id, hash, at, slot.batch.locale))
    }
  }
  return receipts
}

/**
 * The paper responses this transaction stored (`stored`, the first slot of each id) in surveys
 * that key paper forms twice, read in the transaction, as SQLite's `keyPaperForm` reads it.
 */
async function newKeyings(trx: Tx, slots: Slot[], stored: ReadonlySet<string>): Promise<NewKeying[]> {
  const first = new Set<string>()
  const paper = slots.filter(({ item, storedId }) => {
    if (item.response.channel !== 'paper' || !item.response.paperSerial || !stored.has(storedId)) return false
    if (first.has(storedId)) return false
    first.add(storedId)
    return true
  })
  if (paper.length === 0) return []
  const surveys = [...new Set(paper.map((s) => s.item.response.surveyId))]
  const enabled = await trx
    .selectFrom('survey_double_entry')
    .select('survey_id')
    .where('survey_id', 'in', surveys)
    .where('enabled', '=', 1)
    .execute()
  const twice = new Set(enabled.map((r) => r.survey_id))
  return paper
    .filter((s) => twice.has(s.item.response.surveyId))
    .map(({ item, batch }) => ({
      survey: item.survey,
      response: item.response,
      body: item.body,
      at: batch.receivedAt,
      receivedBy: batch.sender?.id ?? null,
    }))
}

function rowOf({ item, batch }: Slot): ResponsesTable {
  return responseRow(item, batch.receivedAt, batch.sender?.id ?? null)
}

/** The `responses` row of a checked response, received at `receivedAt` from account `receivedBy`. */
export function responseRow(
  { response, body, hash }: Pick<ValidResponse, 'response' | 'body' | 'hash'>,
  receivedAt: string,
  receivedBy: number | null,
): ResponsesTable {
  return {
    id: response.id,
    survey_id: response.surveyId,
    survey_version: response.surveyVersion,
    unit_id: response.unitId,
    group_id: response.groupId,
    location_id: response.locationId ?? null,
    channel: response.channel,
    body,
    hash,
    received_at: receivedAt,
    received_by: receivedBy,
  }
}

/** Stored hash, time, unit and sender of each id (read inside the transaction, so own inserts count). */
async function receiptsOf(db: Kysely<StorageSchema>, ids: string[]): Promise<Map<string, StoredReceipt>> {
  const found = new Map<string, StoredReceipt>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('responses')
      .select(['id', 'hash', 'received_at', 'unit_id', 'received_by'])
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute()
    for (const r of rows)
      found.set(r.id, { hash: r.hash, received_at: r.received_at, unitId: r.unit_id, receivedBy: r.received_by })
  }
  return found
}

/** The form and keying number of each id that is a keying of a paper form (double entry). */
async function paperEntriesOf(db: Kysely<StorageSchema>, ids: string[]): Promise<Map<string, PaperEntryReceipt>> {
  const found = new Map<string, PaperEntryReceipt>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('paper_keyings as k')
      .innerJoin('paper_forms as f', 'f.id', 'k.form_id')
      .select(['k.response_id', 'k.form_id', 'k.keying', 'f.state'])
      .where('k.response_id', 'in', ids.slice(i, i + CHUNK))
      .execute()
    for (const r of rows) found.set(r.response_id, { formId: r.form_id, state: r.state, keying: r.keying })
  }
  return found
}

/** Keeps a conflicting resend once per distinct content; returns when that content was first seen. */
async function recordConflict(trx: Transaction<StorageSchema>, slot: Slot, receivedAt: string): Promise<string> {
  const { body, hash } = slot.item
  await trx
    .insertInto('conflicts')
    .values({
      response_id: slot.storedId,
      body,
      hash,
      received_at: receivedAt,
      received_by: slot.batch.sender?.id ?? null,
    })
    .onConflict((oc) => oc.columns(['response_id', 'hash']).doNothing())
    .execute()
  const row = await trx
    .selectFrom('conflicts')
    .select('received_at')
    .where('response_id', '=', slot.storedId)
    .where('hash', '=', hash)
    .executeTakeFirst()
  return row?.received_at ?? receivedAt
}
