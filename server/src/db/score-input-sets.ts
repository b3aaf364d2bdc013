import type { DB } from './connection.ts'
import type { WriteGeneration } from './write-generation.ts'

export type ScoreInputKey = { surveyId: string; surveyVersion: number }

/** The set table of each score input, and the table of its rows (counted in the history). */
const LEDGERS = {
  'self-assessment': { sets: 'self_assessment_sets', rows: 'self_assessment_values' },
  adjustments: { sets: 'adjustment_sets', rows: 'adjustment_rows' },
} as const

/** One import as stored: who applied it, when, from which file, and how many rows it holds. */
export type ScoreInputSetRow = {
  id: number
  set_version: number
  applied_at: string
  username: string | null
  source: string
  count: number
}

/**
 * The append-only sets of one score input (self-assessment points, adjustments): each import is a
 * new numbered set of a survey version, and the latest one is in force. The kind's repository
 * writes and reads the set's rows.
 */
export function scoreInputSets(db: DB, generation: WriteGeneration, kind: keyof typeof LEDGERS) {
  const ledger = LEDGERS[kind]
  const nextVersion = db
    .prepare<[string, number], number>(
      `SELECT COALESCE(MAX(set_version), 0) + 1 FROM ${ledger.sets} WHERE survey_id = ? AND survey_version = ?`,
    )
    .pluck()
  const insertSet = db.prepare(
    `INSERT INTO ${ledger.sets} (survey_id, survey_version, set_version, applied_at, applied_by, source) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const sets = db.prepare<[string, number], ScoreInputSetRow>(
    `SELECT s.id, s.set_version, s.applied_at, u.username, s.source,
       (SELECT COUNT(*) FROM ${ledger.rows} r WHERE r.set_id = s.id) AS count
     FROM ${ledger.sets} s LEFT JOIN users u ON u.id = s.applied_by
     WHERE s.survey_id = ? AND s.survey_version = ? ORDER BY s.set_version DESC`,
  )

  return {
    /**
     * Opens a new set (call inside the import's transaction, then write its rows under `id`).
     * The cached scores' totals and ranks use the set in force: their generation moves on.
     */
    open(
      key: ScoreInputKey,
      by: number | null,
      source: string,
      now: Date,
    ): { id: number | bigint; setVersion: number } {
      generation.bump()
      const setVersion = nextVersion.get(key.surveyId, key.surveyVersion) ?? 1
      const { lastInsertRowid } = insertSet.run(
        key.surveyId,
        key.surveyVersion,
        setVersion,
        now.toISOString(),
        by,
        source,
      )
      return { id: lastInsertRowid, setVersion }
    },
    /** Every set, newest first. */
    all: (key: ScoreInputKey): ScoreInputSetRow[] => sets.all(key.surveyId, key.surveyVersion),
    /** The set in force, or undefined before the first import. */
    current: (key: ScoreInputKey): ScoreInputSetRow | undefined => sets.get(key.surveyId, key.surveyVersion),
  }
}

/** A set as the API shows it, its row count under the kind's own name. */
export const setSummary = (row: ScoreInputSetRow) => ({
  setVersion: row.set_version,
  appliedAt: row.applied_at,
  appliedBy: row.username,
  source: row.source,
})
