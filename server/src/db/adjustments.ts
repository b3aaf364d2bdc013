import type { Adjustment, AdjustmentSet } from '@parsurvey/shared'
import type { DB } from './connection.ts'
import type { WriteGeneration } from './write-generation.ts'

type Key = { surveyId: string; surveyVersion: number }

type SetRow = {
  id: number
  set_version: number
  applied_at: string
  username: string | null
  source: string
  rows: number
}

/**
 * Bonus and penalty points (điểm thưởng / điểm trừ), one append-only set per import holding the
 * whole list. The latest set of a survey version is the current one; an import with no rows
 * clears the adjustments while the earlier sets stay readable.
 */
export function adjustmentsRepository(db: DB, generation: WriteGeneration) {
  const nextVersion = db
    .prepare<[string, number], number>(
      'SELECT COALESCE(MAX(set_version), 0) + 1 FROM adjustment_sets WHERE survey_id = ? AND survey_version = ?',
    )
    .pluck()
  const insertSet = db.prepare(
    'INSERT INTO adjustment_sets (survey_id, survey_version, set_version, applied_at, applied_by, source) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const insertRow = db.prepare(
    'INSERT INTO adjustment_rows (set_id, line, unit_id, points, reason) VALUES (?, ?, ?, ?, ?)',
  )
  const sets = db.prepare<[string, number], SetRow>(
    `SELECT s.id, s.set_version, s.applied_at, u.username, s.source,
       (SELECT COUNT(*) FROM adjustment_rows r WHERE r.set_id = s.id) AS rows
     FROM adjustment_sets s LEFT JOIN users u ON u.id = s.applied_by
     WHERE s.survey_id = ? AND s.survey_version = ? ORDER BY s.set_version DESC`,
  )
  const rowsOf = db.prepare<[number], { unit_id: string; points: number; reason: string }>(
    'SELECT unit_id, points, reason FROM adjustment_rows WHERE set_id = ? ORDER BY line',
  )
  const toSet = (row: SetRow): AdjustmentSet => ({
    setVersion: row.set_version,
    appliedAt: row.applied_at,
    appliedBy: row.username,
    source: row.source,
    rows: row.rows,
  })

  return {
    /** Stores a new set (call inside the action's transaction); returns its number. */
    apply(key: Key, adjustments: Adjustment[], by: number | null, source: string, now = new Date()): number {
      generation.bump() // the totals and ranks of the cached scores use the current set
      const setVersion = nextVersion.get(key.surveyId, key.surveyVersion) ?? 1
      const { lastInsertRowid } = insertSet.run(
        key.surveyId,
        key.surveyVersion,
        setVersion,
        now.toISOString(),
        by,
        source,
      )
      adjustments.forEach((a, i) => insertRow.run(lastInsertRowid, i + 1, a.unitId, a.points, a.reason))
      return setVersion
    },
    /** Every set, newest first, without rows. */
    history: (key: Key): AdjustmentSet[] => sets.all(key.surveyId, key.surveyVersion).map(toSet),
    /** The current set with its rows, or undefined before the first import. */
    current(key: Key): (AdjustmentSet & { adjustments: Adjustment[] }) | undefined {
      const row = sets.get(key.surveyId, key.surveyVersion)
      if (!row) return undefined
      const adjustments = rowsOf.all(row.id).map((r) => ({ unitId: r.unit_id, points: r.points, reason: r.reason }))
      return { ...toSet(row), adjustments }
    },
  }
}
export type AdjustmentsRepository = ReturnType<typeof adjustmentsRepository>
