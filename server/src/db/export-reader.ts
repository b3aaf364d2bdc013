import Database from 'better-sqlite3'
import type { DB } from './connection.ts'
import { effectiveResponses } from './effective-responses.ts'

export type ExportedResponseRow = { id: string; body: string; receivedAt: string; surveyor: string | null }

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
  const meta = reader.prepare<[string], { receivedAt: string; surveyor: string | null }>(
    `SELECT r.received_at AS receivedAt, u.username AS surveyor
     FROM responses r LEFT JOIN users u ON u.id = r.received_by WHERE r.id = ?`,
  )
  return {
    /** The effective responses of a survey version (voids left out, corrections applied), oldest first. */
    *responses(surveyId: string, version: number): Generator<ExportedResponseRow> {
      for (const { id, body } of effectiveResponses(reader, surveyId, version)) {
        const { receivedAt, surveyor } = meta.get(id) ?? { receivedAt: '', surveyor: null }
        yield { id, body, receivedAt, surveyor }
      }
    },
    close(): void {
      if (reader.open) reader.close()
    },
  }
}
export type ExportReader = ReturnType<typeof openExportReader>
