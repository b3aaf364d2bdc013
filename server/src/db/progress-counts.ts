import type { ProgressRow } from '../aggregates/aggregate-delta.ts'
import type { DB } from './connection.ts'

type Key = { surveyId: string; surveyVersion: number }

/** One row of agg_progress summed over what the caller groups by (unit always kept for filtering). */
export type SurveyorCount = { unitId: string; userId: number | null; username: string | null; responses: number }
export type DayCount = { unitId: string; day: string; responses: number }

/**
 * The day of a submission time in Asia/Ho_Chi_Minh (UTC+7 all year), in SQL so that ingest,
 * review, rebuild and migration 005 share one definition. A time SQLite cannot read falls back
 * to its own date part rather than failing the response's transaction.
 */
const DAY = `COALESCE(date(@submittedAt, '+7 hours'), substr(@submittedAt, 1, 10))`

/**
 * Responses per survey version × unit × sending account × day (migration 005): what the progress
 * views per surveyor and per day read. Keep it in step with the effective responses: call `add`
 * in the transaction that stores, voids, restores or corrects a response.
 */
export function progressCountsRepository(db: DB) {
  const upsert = db.prepare(
    `INSERT INTO agg_progress (survey_id, survey_version, unit_id, received_by, day, responses)
     VALUES (@surveyId, @surveyVersion, @unitId, @receivedBy, ${DAY}, @sign)
     ON CONFLICT DO UPDATE SET responses = responses + excluded.responses`,
  )
  const stored = db.prepare<
    [string],
    { surveyId: string; surveyVersion: number; unitId: string; receivedBy: number | null }
  >(
    'SELECT survey_id AS surveyId, survey_version AS surveyVersion, unit_id AS unitId, received_by AS receivedBy FROM responses WHERE id = ?',
  )
  const bySurveyor = db.prepare<[string, number], SurveyorCount>(
    `SELECT p.unit_id AS unitId, NULLIF(p.received_by, 0) AS userId, u.username, SUM(p.responses) AS responses
     FROM agg_progress p LEFT JOIN users u ON u.id = p.received_by
     WHERE p.survey_id = ? AND p.survey_version = ?
     GROUP BY p.unit_id, p.received_by HAVING SUM(p.responses) <> 0`,
  )
  const byDay = db.prepare<[string, number], DayCount>(
    `SELECT unit_id AS unitId, day, SUM(responses) AS responses FROM agg_progress
     WHERE survey_id = ? AND survey_version = ? GROUP BY unit_id, day HAVING SUM(responses) <> 0 ORDER BY day`,
  )
  const clear = db.prepare('DELETE FROM agg_progress WHERE survey_id = ? AND survey_version = ?')
  const refill = db.prepare(
    `WITH effective AS (
       SELECT r.unit_id, COALESCE(r.received_by, 0) AS received_by,
              json_extract(COALESCE(c.body, r.body), '$.submittedAt') AS submittedAt
       FROM responses r
       LEFT JOIN response_corrections c ON c.seq = (SELECT MAX(seq) FROM response_corrections WHERE response_id = r.id)
       WHERE r.survey_id = @surveyId AND r.survey_version = @surveyVersion
         AND COALESCE((SELECT action FROM response_voids WHERE response_id = r.id ORDER BY seq DESC LIMIT 1), 'restore') <> 'void')
     INSERT INTO agg_progress (survey_id, survey_version, unit_id, received_by, day, responses)
     SELECT @surveyId, @surveyVersion, unit_id, received_by, ${DAY.replaceAll('@submittedAt', 'submittedAt')}, COUNT(*)
     FROM effective GROUP BY 3, 4, 5`,
  )

  function add(key: Key, unitId: string, receivedBy: number | null, submittedAt: string, sign: 1 | -1 = 1): void {
    upsert.run({ ...key, unitId, receivedBy: receivedBy ?? 0, submittedAt, sign })
  }

  function addRows(key: Key, rows: ProgressRow[]): void {
    for (const r of rows)
      upsert.run({
        ...key,
        unitId: r.unitId,
        receivedBy: r.receivedBy ?? 0,
        submittedAt: r.submittedAt,
        sign: r.responses,
      })
  }

  return {
    add,
    /** Adds merged rows (aggregates/aggregate-delta.ts): each counts `responses` responses of its day. */
    addRows,
    /** Adds (1) or removes (-1) a stored response with the given (effective) submission time. */
    addStored(responseId: string, submittedAt: string, sign: 1 | -1): void {
      const row = stored.get(responseId)
      if (!row) throw new Error(`response ${responseId} is not stored`)
      add({ surveyId: row.surveyId, surveyVersion: row.surveyVersion }, row.unitId, row.receivedBy, submittedAt, sign)
    },
    bySurveyor: (key: Key): SurveyorCount[] => bySurveyor.all(key.surveyId, key.surveyVersion),
    byDay: (key: Key): DayCount[] => byDay.all(key.surveyId, key.surveyVersion),
    /**
     * Sets one survey version's rows to `rows` (merged as for `addRows`, counted by the caller
     * from the effective responses): what a rebuild writes, inside its transaction.
     */
    replace(key: Key, rows: ProgressRow[]): void {
      clear.run(key.surveyId, key.surveyVersion)
      addRows(key, rows)
    },
    /**
     * Recomputes one survey version from the effective responses in SQL alone (the definition a
     * rebuild's `replace` must agree with; migration 005 fills the table the same way).
     */
    rebuild(key: Key): void {
      clear.run(key.surveyId, key.surveyVersion)
      refill.run(key)
    },
  }
}
export type ProgressTalliesRepository = ReturnType<typeof progressCountsRepository>
