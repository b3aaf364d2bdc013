import type { Adjustment, AdjustmentSet } from '@parsurvey/shared'
import { auditRepository } from './audit.ts'
import type { DB } from './connection.ts'
import { scoreInputSets, setSummary, type ScoreInputKey, type ScoreInputSetRow } from './score-input-sets.ts'
import type { WriteGeneration } from './write-generation.ts'

/**
 * Bonus and penalty points (điểm thưởng / điểm trừ), one append-only set per import holding the
 * whole list. The latest set of a survey version is the current one; an import with no rows
 * clears the adjustments while the earlier sets stay readable.
 */
export function adjustmentsRepository(db: DB, generation: WriteGeneration) {
  const ledger = scoreInputSets(db, generation, 'adjustments')
  const insertRow = db.prepare(
    'INSERT INTO adjustment_rows (set_id, line, unit_id, points, reason) VALUES (?, ?, ?, ?, ?)',
  )
  const rowsOf = db.prepare<[number], { unit_id: string; points: number; reason: string }>(
    'SELECT unit_id, points, reason FROM adjustment_rows WHERE set_id = ? ORDER BY line',
  )
  const toSet = (row: ScoreInputSetRow): AdjustmentSet => ({ ...setSummary(row), rows: row.count })
  const audit = auditRepository(db)

  function apply(key: ScoreInputKey, adjustments: Adjustment[], by: number | null, source: string, now = new Date()) {
    const { id, setVersion } = ledger.open(key, by, source, now)
    adjustments.forEach((a, i) => insertRow.run(id, i + 1, a.unitId, a.points, a.reason))
    return setVersion
  }

  function current(key: ScoreInputKey): CurrentAdjustments | undefined {
    const row = ledger.current(key)
    if (!row) return undefined
    const adjustments = rowsOf.all(row.id).map((r) => ({ unitId: r.unit_id, points: r.points, reason: r.reason }))
    return { ...toSet(row), adjustments }
  }

  return {
    /** Stores a new set (call inside the action's transaction); returns its number. */
    apply,
    /**
     * An import: stores the new list and its audit entry (the list before, the list after) in one
     * transaction; returns the list now in force.
     */
    importSet(
      key: ScoreInputKey,
      adjustments: Adjustment[],
      by: number | null,
      source: string,
      now = new Date(),
    ): CurrentAdjustments {
      return db.transaction(() => {
        const before = current(key)
        const setVersion = apply(key, adjustments, by, source, now)
        audit.record(adjustmentsAudit(key, by, before, { setVersion, adjustments }), now)
        return current(key)!
      })()
    },
    /** Every set, newest first, without rows. */
    history: (key: ScoreInputKey): AdjustmentSet[] => ledger.all(key).map(toSet),
    /** The current set with its rows, or undefined before the first import. */
    current,
  }
}

export type CurrentAdjustments = AdjustmentSet & { adjustments: Adjustment[] }

/** The audit entry of an adjustments import, the same on both engines. */
export function adjustmentsAudit(
  key: ScoreInputKey,
  by: number | null,
  before: CurrentAdjustments | undefined,
  after: { setVersion: number; adjustments: Adjustment[] },
) {
  return {
    userId: by,
    action: 'adjustments-apply' as const,
    target: `${key.surveyId}@${key.surveyVersion}`,
    before: before ? { setVersion: before.setVersion, adjustments: before.adjustments } : null,
    after,
  }
}
export type AdjustmentsRepository = ReturnType<typeof adjustmentsRepository>
