import Database from 'better-sqlite3'
import type { DB } from './connection.ts'
import { hasReview, isSparse, LATEST_CORRECTION, responseRowidSpan, SPAN } from './effective-responses.ts'

/** Whether a response counts: `voided` (its latest void row is a void) and `conflict` (a resend waits for review) do not or may not. */
export type ResponseStatus = 'valid' | 'voided' | 'conflict'

export type ExportedResponseRow = {
  id: string
  body: string
  receivedAt: string
  surveyor: string | null
  status: ResponseStatus
  /** The supervisor's reason for a void; null otherwise. */
  statusReason: string | null
}

type Row = Omit<ExportedResponseRow, 'status'> & { voided: number | null; pending: number }

/** The latest void/restore row decides; a corrected response exports its latest accepted body. */
const REVIEWED = `COALESCE(c.body, r.body) AS body,
  (SELECT action = 'void' FROM response_voids WHERE response_id = r.id ORDER BY seq DESC LIMIT 1) AS voided,
  (SELECT reason FROM response_voids WHERE response_id = r.id ORDER BY seq DESC LIMIT 1) AS statusReason,
  EXISTS (SELECT 1 FROM conflicts k WHERE k.response_id = r.id
          AND NOT EXISTS (SELECT 1 FROM conflict_resolutions x WHERE x.conflict_seq = k.seq)) AS pending`
const PLAIN = 'r.body, NULL AS voided, NULL AS statusReason, 0 AS pending'
const TAIL =
  'r.received_at AS receivedAt, u.username AS surveyor FROM responses r LEFT JOIN users u ON u.id = r.received_by'
const SPARSE = 'r.survey_id = @surveyId AND r.survey_version = @version'
/** The four reads, chosen by whether review columns are needed and whether the version is sparse. */
const READS = {
  plain: {
    span: `SELECT r.id, ${PLAIN}, ${TAIL} WHERE ${SPAN} ORDER BY r.rowid`,
    sparse: `SELECT r.id, ${PLAIN}, ${TAIL} WHERE ${SPARSE} ORDER BY r.rowid`,
  },
  reviewed: {
    span: `SELECT r.id, ${REVIEWED}, ${TAIL} ${LATEST_CORRECTION} WHERE ${SPAN} ORDER BY r.rowid`,
    sparse: `SELECT r.id, ${REVIEWED}, ${TAIL} ${LATEST_CORRECTION} WHERE ${SPARSE} ORDER BY r.rowid`,
  },
} as const

/**
 * A read-only connection of its own for one streamed export. An export reads while the client
 * downloads, across many event-loop turns; an open statement on the shared connection would
 * make every write of the server fail meanwhile ("connection is busy"), whereas a separate
 * connection in one read transaction sees a single consistent snapshot (WAL) and blocks nobody.
 */
export function openExportReader(db: DB) {
  const reader = new Database(db.name, { readonly: true, fileMustExist: true })
  reader.pragma('busy_timeout = 5000')
  reader.exec('BEGIN')
  const anyConflict = reader
    .prepare<[string, number], number>(
      `SELECT EXISTS (SELECT 1 FROM conflicts k CROSS JOIN responses r ON r.id = k.response_id
                      WHERE r.survey_id = ? AND r.survey_version = ?)`,
    )
    .pluck()
  return {
    /**
     * Every stored response of a survey version, oldest first, voided ones included with their
     * status: the latest accepted correction replaces a body; a void's reason comes along. Read
     * the way `effectiveResponses` reads (rowid walk, or the index for a sparse version); the
     * review columns are looked up only when the version has any review or conflict.
     */
    *responses(surveyId: string, version: number): Generator<ExportedResponseRow> {
      const span = responseRowidSpan(reader, surveyId, version)
      if (!span) return
      const reviewed = hasReview(reader, surveyId, version) || anyConflict.get(surveyId, version) === 1
      const rows = reader
        .prepare<typeof span & { surveyId: string; version: number }, Row>(
          READS[reviewed ? 'reviewed' : 'plain'][isSparse(span) ? 'sparse' : 'span'],
        )
        .iterate({ ...span, surveyId, version })
      for (const { voided, pending, statusReason, ...row } of rows) {
        const status: ResponseStatus = voided === 1 ? 'voided' : pending === 1 ? 'conflict' : 'valid'
        yield { ...row, status, statusReason: voided === 1 ? statusReason : null }
      }
    },
    close(): void {
      if (reader.open) reader.close()
    },
  }
}
export type ExportReader = ReturnType<typeof openExportReader>
