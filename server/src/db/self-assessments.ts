import type { SelfAssessmentSet, SelfAssessmentValues } from '@parsurvey/shared'
import type { DB } from './connection.ts'
import { scoreInputSets, setSummary, type ScoreInputKey, type ScoreInputSetRow } from './score-input-sets.ts'
import type { WriteGeneration } from './write-generation.ts'

/**
 * Imported self-assessment points, one append-only set per import. The latest set of a survey
 * version is the current one; units it does not list have no self-assessment.
 */
export function selfAssessmentsRepository(db: DB, generation: WriteGeneration) {
  const ledger = scoreInputSets(db, generation, 'self-assessment')
  const insertValue = db.prepare('INSERT INTO self_assessment_values (set_id, unit_id, points) VALUES (?, ?, ?)')
  const insertDomain = db.prepare(
    'INSERT INTO self_assessment_domain_values (set_id, unit_id, criterion_id, points) VALUES (?, ?, ?, ?)',
  )
  const domainsOf = db.prepare<[number], { unit_id: string; criterion_id: string; points: number }>(
    'SELECT unit_id, criterion_id, points FROM self_assessment_domain_values WHERE set_id = ? ORDER BY unit_id',
  )
  const valuesOf = db.prepare<[number], { unit_id: string; points: number }>(
    'SELECT unit_id, points FROM self_assessment_values WHERE set_id = ? ORDER BY unit_id',
  )
  const toSet = (row: ScoreInputSetRow): SelfAssessmentSet => ({ ...setSummary(row), units: row.count })

  return {
    /** Stores a new set (call inside the action's transaction); returns its number. */
    apply(
      key: ScoreInputKey,
      values: Map<string, number>,
      by: number | null,
      source: string,
      { now = new Date(), domains = {} }: { now?: Date; domains?: Record<string, Record<string, number>> } = {},
    ): number {
      const { id, setVersion } = ledger.open(key, by, source, now)
      for (const [unitId, points] of values) insertValue.run(id, unitId, points)
      for (const [unitId, byDomain] of Object.entries(domains))
        for (const [criterionId, points] of Object.entries(byDomain)) insertDomain.run(id, unitId, criterionId, points)
      return setVersion
    },
    /** Every set, newest first, without values. */
    history: (key: ScoreInputKey): SelfAssessmentSet[] => ledger.all(key).map(toSet),
    /** The current set with its values, or undefined before the first import. */
    current(key: ScoreInputKey): SelfAssessmentValues | undefined {
      const row = ledger.current(key)
      if (!row) return undefined
      const values: Record<string, number> = Object.create(null) as Record<string, number>
      for (const v of valuesOf.all(row.id)) values[v.unit_id] = v.points
      const domains: Record<string, Record<string, number>> = Object.create(null) as Record<
        string,
        Record<string, number>
      >
      for (const d of domainsOf.all(row.id)) (domains[d.unit_id] ??= {})[d.criterion_id] = d.points
      return { ...toSet(row), values, domains }
    },
  }
}
export type SelfAssessmentsRepository = ReturnType<typeof selfAssessmentsRepository>
