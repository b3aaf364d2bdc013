import type { PendingConflict, ResponsePlace } from '@parsurvey/shared'
import type { DB } from './connection.ts'

/** The state of one raw response as review sees it. */
export type StoredReview = ResponsePlace & {
  cursor: number
  receivedAt: string
  receivedBy: string | null
  /** The stored (raw) body. */
  body: string
  void: { at: string; by: string | null; reason: string } | null
  correction: {
    seq: number
    conflictSeq: number | null
    at: string
    by: string | null
    reason: string
    body: string
  } | null
}

/** A waiting conflict as stored: the wire's `PendingConflict` with the resend's raw body instead of its parsed form. */
export type StoredConflict = Omit<PendingConflict, 'proposed'> & { body: string }

export type ResponseFilter = {
  surveyId: string
  surveyVersion: number
  /** Only this unit. */
  unitId?: string | undefined
  /** Only these units (a supervisor's); `'all'` for no restriction. */
  units: string[] | 'all'
  /** Only responses received from this user (a surveyor's own). */
  receivedBy?: number | undefined
  after: number
  limit: number
}

type ResponseRow = Omit<StoredReview, 'void' | 'correction'>
const RESPONSE_COLUMNS = `r.rowid AS cursor, r.id, r.survey_id AS surveyId, r.survey_version AS surveyVersion, r.unit_id AS unitId,
  r.group_id AS groupId, r.location_id AS locationId, r.channel, r.received_at AS receivedAt, u.username AS receivedBy, r.body`

/**
 * Supervisor review beside the append-only responses: voids and restores, corrections, and
 * conflict resolutions are all new rows (migration 002). Call the writers inside the action's
 * transaction, together with the aggregate change and the audit entry.
 */
export function reviewRepository(db: DB) {
  const one = db.prepare<[string], ResponseRow>(
    `SELECT ${RESPONSE_COLUMNS} FROM responses r LEFT JOIN users u ON u.id = r.received_by WHERE r.id = ?`,
  )
  const page = db.prepare<Record<string, unknown>, ResponseRow>(
    `SELECT ${RESPONSE_COLUMNS} FROM responses r LEFT JOIN users u ON u.id = r.received_by
     WHERE r.survey_id = @surveyId AND r.survey_version = @surveyVersion AND r.rowid > @after
       AND (@unitId IS NULL OR r.unit_id = @unitId)
       AND (@units IS NULL OR r.unit_id IN (SELECT value FROM json_each(@units)))
       AND (@receivedBy IS NULL OR r.received_by = @receivedBy)
     ORDER BY r.rowid LIMIT @limit`,
  )
  const lastVoid = db.prepare<[string], { action: 'void' | 'restore'; at: string; by: string | null; reason: string }>(
    `SELECT v.action, v.at, u.username AS by, v.reason FROM response_voids v LEFT JOIN users u ON u.id = v.user_id
     WHERE v.response_id = ? ORDER BY v.seq DESC LIMIT 1`,
  )
  const lastCorrection = db.prepare<[string], NonNullable<StoredReview['correction']>>(
    `SELECT c.seq, c.conflict_seq AS conflictSeq, c.at, u.username AS by, c.reason, c.body
     FROM response_corrections c LEFT JOIN users u ON u.id = c.user_id
     WHERE c.response_id = ? ORDER BY c.seq DESC LIMIT 1`,
  )
  const insertVoid = db.prepare(
    'INSERT INTO response_voids (response_id, action, reason, at, user_id) VALUES (?, ?, ?, ?, ?)',
  )
  const insertCorrection = db.prepare(
    `INSERT INTO response_corrections (response_id, conflict_seq, body, hash, reason, at, user_id)
     VALUES (@responseId, @conflictSeq, @body, @hash, @reason, @at, @userId)`,
  )
  const insertResolution = db.prepare(
    'INSERT INTO conflict_resolutions (conflict_seq, action, reason, at, user_id) VALUES (?, ?, ?, ?, ?)',
  )
  const conflictColumns = `c.seq, c.response_id AS responseId, r.survey_id AS surveyId, r.survey_version AS surveyVersion,
    r.unit_id AS unitId, c.received_at AS receivedAt, u.username AS receivedBy, c.body, c.hash`
  const conflict = db.prepare<[number], StoredConflict & { resolved: number }>(
    `SELECT ${conflictColumns}, EXISTS (SELECT 1 FROM conflict_resolutions WHERE conflict_seq = c.seq) AS resolved
     FROM conflicts c JOIN responses r ON r.id = c.response_id LEFT JOIN users u ON u.id = c.received_by WHERE c.seq = ?`,
  )
  const pending = db.prepare<Record<string, unknown>, StoredConflict>(
    `SELECT ${conflictColumns}
     FROM conflicts c JOIN responses r ON r.id = c.response_id LEFT JOIN users u ON u.id = c.received_by
     WHERE c.seq > @after AND NOT EXISTS (SELECT 1 FROM conflict_resolutions WHERE conflict_seq = c.seq)
       AND (@units IS NULL OR r.unit_id IN (SELECT value FROM json_each(@units)))
     ORDER BY c.seq LIMIT @limit`,
  )

  function withState(row: ResponseRow): StoredReview {
    const v = lastVoid.get(row.id)
    const voided = v?.action === 'void' ? { at: v.at, by: v.by, reason: v.reason } : null
    return { ...row, void: voided, correction: lastCorrection.get(row.id) ?? null }
  }

  return {
    find(id: string): StoredReview | undefined {
      const row = one.get(id)
      return row && withState(row)
    },
    page(filter: ResponseFilter): StoredReview[] {
      return page
        .all({
          surveyId: filter.surveyId,
          surveyVersion: filter.surveyVersion,
          after: filter.after,
          unitId: filter.unitId ?? null,
          units: filter.units === 'all' ? null : JSON.stringify(filter.units),
          receivedBy: filter.receivedBy ?? null,
          limit: filter.limit,
        })
        .map(withState)
    },
    addVoid(responseId: string, action: 'void' | 'restore', reason: string, userId: number | null, at: string): void {
      insertVoid.run(responseId, action, reason, at, userId)
    },
    addCorrection(row: {
      responseId: string
      conflictSeq: number | null
      body: string
      hash: string
      reason: string
      userId: number | null
      at: string
    }): number {
      return Number(insertCorrection.run(row).lastInsertRowid)
    },
    conflict(seq: number): (StoredConflict & { resolved: boolean }) | undefined {
      const row = conflict.get(seq)
      return row && { ...row, resolved: row.resolved === 1 }
    },
    pendingConflicts(filter: { units: string[] | 'all'; after: number; limit: number }): StoredConflict[] {
      return pending.all({
        units: filter.units === 'all' ? null : JSON.stringify(filter.units),
        after: filter.after,
        limit: filter.limit,
      })
    },
    resolve(
      seq: number,
      action: 'keep-original' | 'accept-new',
      reason: string,
      userId: number | null,
      at: string,
    ): void {
      insertResolution.run(seq, action, reason, at, userId)
    },
  }
}
export type ReviewRepository = ReturnType<typeof reviewRepository>
/**
 * What review reads, as a port (storage/review-store.ts on the async boundary). The writers stay
 * with the actions that call them inside their transaction (review/review.ts and its store).
 */
export type ReviewReads = Pick<ReviewRepository, 'find' | 'page' | 'conflict' | 'pendingConflicts'>

/** The body that counts for a reviewed response: its latest correction, else the stored body. */
export const effectiveBody = (r: StoredReview): string => r.correction?.body ?? r.body
