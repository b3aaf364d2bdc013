import type { Statement } from 'better-sqlite3'
import type { DB } from './connection.ts'

/**
 * The effective responses of a survey version: what scoring and exports must count.
 *
 * Raw responses are append-only; supervisor review adds rows beside them (migration 002):
 * - `response_voids`: void / restore history; a response whose latest row is a `void` is left out;
 * - `response_corrections`: accepted new content (from a conflicting resend); the latest
 *   correction's body replaces the stored body. A correction never changes a response's id,
 *   survey, version or unit (review refuses those), so `responses.unit_id` stays true.
 *
 * Yields `{ id, body, hash }` (canonical JSON of a validated `Response`, and its content hash)
 * in storage order, one row at a time, so a rebuild or an export never holds all bodies in
 * memory. Rebuild = `aggregates.replace(key, Σ responseContributions(survey, JSON.parse(body)))`
 * over these, in one transaction; the review actions keep the live aggregates equal to that.
 * Reading only, so it may run in a read transaction beside the writer (WAL).
 */
export type EffectiveResponse = { id: string; body: string; hash: string; corrected: boolean }

type Row = { id: string; body: string; hash: string; corrected: number }
const statements = new WeakMap<DB, Statement<[string, number], Row>>()

export function effectiveResponses(db: DB, surveyId: string, version: number): IterableIterator<EffectiveResponse> {
  let stmt = statements.get(db)
  if (!stmt) {
    stmt = db.prepare<[string, number], Row>(
      `SELECT r.id, COALESCE(c.body, r.body) AS body, COALESCE(c.hash, r.hash) AS hash, c.seq IS NOT NULL AS corrected
       FROM responses r
       LEFT JOIN response_corrections c ON c.seq = (
         SELECT MAX(seq) FROM response_corrections WHERE response_id = r.id)
       WHERE r.survey_id = ? AND r.survey_version = ?
         AND COALESCE((SELECT action FROM response_voids WHERE response_id = r.id ORDER BY seq DESC LIMIT 1), 'restore') <> 'void'
       ORDER BY r.rowid`,
    )
    statements.set(db, stmt)
  }
  const rows = stmt.iterate(surveyId, version)
  return (function* () {
    for (const row of rows) yield { id: row.id, body: row.body, hash: row.hash, corrected: row.corrected === 1 }
  })()
}
