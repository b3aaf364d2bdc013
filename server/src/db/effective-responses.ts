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
 *
 * How it reads (a million rows): the version's rowid span comes from the index first, then the
 * table is walked in rowid order over that span. Searching the index for every row and sorting
 * by rowid afterwards (the planner's own choice) took several times longer than the walk. Only
 * when the version holds under a quarter of the rows of its span (versions collected at the
 * same time) does it search the index, rather than walk past the other versions' rows. The
 * review subqueries run only when some response of the version has a void or a correction.
 */
export type EffectiveResponse = { id: string; body: string; hash: string; corrected: boolean }

/** An effective body with the columns a rebuild needs beside it: `[body, unitId, receivedBy]`. */
export type EffectiveBody = [body: string, unitId: string, receivedBy: number | null]

/** The first and last rowid of some of a version's responses. */
export type RowidSpan = { first: number; last: number }
/** Where a version's responses lie: every one of its `count` rows is in `[first, last]`. */
export type VersionSpan = RowidSpan & { count: number }

type Row = { id: string; body: string; hash: string; corrected: number }
type Version = { surveyId: string; version: number }
type Params = Version & RowidSpan

/** The version's rows in `[first, last]`, in rowid order: `+` keeps the planner off the index. */
export const SPAN = 'r.rowid BETWEEN @first AND @last AND +r.survey_id = @surveyId AND r.survey_version = @version'
export const LATEST_CORRECTION =
  'LEFT JOIN response_corrections c ON c.seq = (SELECT MAX(seq) FROM response_corrections WHERE response_id = r.id)'
const NOT_VOIDED = `COALESCE((SELECT action FROM response_voids WHERE response_id = r.id ORDER BY seq DESC LIMIT 1), 'restore') <> 'void'`

type Statements = {
  span: Statement<[string, number], { first: number | null; last: number | null; count: number }>
  reviewed: Statement<[string, number, string, number], number>
  reviewedResponses: Statement<Params, Row>
  plainResponses: Statement<Params, Row>
  reviewedBodies: Statement<Params, EffectiveBody>
  plainBodies: Statement<Params, EffectiveBody>
  indexedResponses: Statement<Version, Row>
  indexedBodies: Statement<Version, EffectiveBody>
}
const prepared = new WeakMap<DB, Statements>()

function statements(db: DB): Statements {
  let s = prepared.get(db)
  if (s) return s
  s = {
    span: db.prepare(
      'SELECT MIN(rowid) AS first, MAX(rowid) AS last, COUNT(*) AS count FROM responses WHERE survey_id = ? AND survey_version = ?',
    ),
    // CROSS JOIN: walk the (few) review rows and look their responses up, not the other way round.
    reviewed: db
      .prepare<[string, number, string, number], number>(
        `SELECT EXISTS (SELECT 1 FROM response_voids v CROSS JOIN responses r ON r.id = v.response_id WHERE r.survey_id = ? AND r.survey_version = ?)
             OR EXISTS (SELECT 1 FROM response_corrections c CROSS JOIN responses r ON r.id = c.response_id WHERE r.survey_id = ? AND r.survey_version = ?)`,
      )
      .pluck(),
    reviewedResponses: db.prepare(
      `SELECT r.id, COALESCE(c.body, r.body) AS body, COALESCE(c.hash, r.hash) AS hash, c.seq IS NOT NULL AS corrected
       FROM responses r ${LATEST_CORRECTION}
       WHERE ${SPAN} AND ${NOT_VOIDED} ORDER BY r.rowid`,
    ),
    plainResponses: db.prepare(
      `SELECT r.id, r.body, r.hash, 0 AS corrected FROM responses r WHERE ${SPAN} ORDER BY r.rowid`,
    ),
    reviewedBodies: db
      .prepare<Params, EffectiveBody>(
        `SELECT COALESCE(c.body, r.body), r.unit_id, r.received_by
         FROM responses r ${LATEST_CORRECTION}
         WHERE ${SPAN} AND ${NOT_VOIDED} ORDER BY r.rowid`,
      )
      .raw(),
    plainBodies: db
      .prepare<Params, EffectiveBody>(
        `SELECT r.body, r.unit_id, r.received_by FROM responses r WHERE ${SPAN} ORDER BY r.rowid`,
      )
      .raw(),
    indexedResponses: db.prepare(
      `SELECT r.id, COALESCE(c.body, r.body) AS body, COALESCE(c.hash, r.hash) AS hash, c.seq IS NOT NULL AS corrected
       FROM responses r ${LATEST_CORRECTION}
       WHERE r.survey_id = @surveyId AND r.survey_version = @version AND ${NOT_VOIDED} ORDER BY r.rowid`,
    ),
    indexedBodies: db
      .prepare<Version, EffectiveBody>(
        `SELECT COALESCE(c.body, r.body), r.unit_id, r.received_by
         FROM responses r ${LATEST_CORRECTION}
         WHERE r.survey_id = @surveyId AND r.survey_version = @version AND ${NOT_VOIDED} ORDER BY r.rowid`,
      )
      .raw(),
  }
  prepared.set(db, s)
  return s
}

/** Where a version's responses lie in `responses` (undefined: it has none). */
export function responseRowidSpan(db: DB, surveyId: string, version: number): VersionSpan | undefined {
  const { first, last, count } = statements(db).span.get(surveyId, version) ?? { first: null, last: null, count: 0 }
  return first === null || last === null ? undefined : { first, last, count }
}

/** Whether the version holds so few of the rows of its span that searching the index reads less. */
export function isSparse(span: VersionSpan): boolean {
  return span.count * 4 < span.last - span.first + 1
}

/** Whether any response of the version was ever voided, restored or corrected. */
export function hasReview(db: DB, surveyId: string, version: number): boolean {
  return statements(db).reviewed.get(surveyId, version, surveyId, version) === 1
}

export function effectiveResponses(db: DB, surveyId: string, version: number): IterableIterator<EffectiveResponse> {
  const span = responseRowidSpan(db, surveyId, version)
  if (!span) return [][Symbol.iterator]()
  const s = statements(db)
  const rows = isSparse(span)
    ? s.indexedResponses.iterate({ surveyId, version })
    : (hasReview(db, surveyId, version) ? s.reviewedResponses : s.plainResponses).iterate({
        surveyId,
        version,
        first: span.first,
        last: span.last,
      })
  return (function* () {
    for (const row of rows) yield { id: row.id, body: row.body, hash: row.hash, corrected: row.corrected === 1 }
  })()
}

/**
 * The effective bodies of the version's responses whose rowid lies in `span`, in rowid order, as
 * `[body, unitId, receivedBy]`; a rebuild reads a version in slices this way. `reviewed`
 * (`hasReview`) may be true when it is not, never the other way round.
 */
export function effectiveBodies(
  db: DB,
  surveyId: string,
  version: number,
  span: RowidSpan,
  reviewed: boolean,
): IterableIterator<EffectiveBody> {
  const s = statements(db)
  return (reviewed ? s.reviewedBodies : s.plainBodies).iterate({
    surveyId,
    version,
    first: span.first,
    last: span.last,
  })
}

/** Every effective body of the version, in rowid order, found through the index (a sparse version). */
export function effectiveBodiesIndexed(db: DB, surveyId: string, version: number): IterableIterator<EffectiveBody> {
  return statements(db).indexedBodies.iterate({ surveyId, version })
}
