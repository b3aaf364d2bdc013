import type { ResponsePlace } from '@parsurvey/shared'
import type { DB } from './connection.ts'

/** A raw response row: its place (written from a validated response, so `channel` is one of the three), body and receipt. */
export type StoredResponseRow = ResponsePlace & {
  body: string
  hash: string
  receivedAt: string
  receivedBy: number | null
}

/** What a resend is compared with: the stored content hash and time, and whose response it is. */
export type StoredReceipt = { hash: string; received_at: string; unitId: string; receivedBy: number | null }

/** Raw responses (append-only) and conflicting resends. */
export function responsesRepository(db: DB) {
  // ON CONFLICT DO NOTHING: a new id (the common case) costs one index probe, not a lookup first.
  const insert = db.prepare(
    `INSERT INTO responses (id, survey_id, survey_version, unit_id, group_id, location_id, channel, body, hash, received_at, received_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  )
  const receipt = db.prepare<[string], StoredReceipt>(
    'SELECT hash, received_at, unit_id AS unitId, received_by AS receivedBy FROM responses WHERE id = ?',
  )
  const insertConflict = db.prepare(
    `INSERT INTO conflicts (response_id, body, hash, received_at, received_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (response_id, hash) DO NOTHING`,
  )
  const conflictReceivedAt = db
    .prepare<[string, string], string>('SELECT received_at FROM conflicts WHERE response_id = ? AND hash = ?')
    .pluck()
  const bodies = db
    .prepare<[string, number], string>(
      'SELECT body FROM responses WHERE survey_id = ? AND survey_version = ? ORDER BY rowid',
    )
    .pluck()

  // Ids stored before they were lower-cased (migration 010): few or none, and no new ones ever.
  const folds = new Map(db.prepare<[], [string, string]>('SELECT folded, id FROM response_id_folds').raw().all())

  return {
    /**
     * The id under which the response `id` (lower case) is stored: itself, or the mixed-case id
     * it was stored under before ids were lower-cased (migration 010).
     */
    storedIdOf: (id: string): string => (folds.size === 0 ? id : (folds.get(id) ?? id)),
    /** Stores a response unless its id is taken; the rowid it got, or null when the id was taken. */
    insertNew(r: StoredResponseRow): number | null {
      const { changes, lastInsertRowid } = insert.run(
        r.id,
        r.surveyId,
        r.surveyVersion,
        r.unitId,
        r.groupId,
        r.locationId,
        r.channel,
        r.body,
        r.hash,
        r.receivedAt,
        r.receivedBy,
      )
      return changes === 0 ? null : Number(lastInsertRowid)
    },
    /** The stored hash, time, unit and sender of a response id, if it was stored before. */
    receiptOf: (id: string) => receipt.get(id),
    /** Keeps a conflicting resend once per distinct content; returns when it was first seen. */
    recordConflict(id: string, body: string, hash: string, receivedAt: string, by: number | null): string {
      insertConflict.run(id, body, hash, receivedAt, by)
      return conflictReceivedAt.get(id, hash) ?? receivedAt
    },
    /** Every stored response body of a survey version, oldest first, without loading all at once. */
    iterateBodies: (surveyId: string, version: number) => bodies.iterate(surveyId, version) as IterableIterator<string>,
  }
}
export type ResponsesRepository = ReturnType<typeof responsesRepository>
