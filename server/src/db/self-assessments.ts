import type { SelfAssessmentSet, SelfAssessmentValues } from '@parsurvey/shared'
import { auditRepository } from './audit.ts'
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
  const audit = auditRepository(db)

  function apply(
    key: ScoreInputKey,
    values: Map<string, number>,
    by: number | null,
    source: string,
    { now = new Date(), domains = {} }: SelfAssessmentOptions = {},
  ): number {
    const { id, setVersion } = ledger.open(key, by, source, now)
    for (const [unitId, points] of values) insertValue.run(id, unitId, points)
    for (const [unitId, byDomain] of Object.entries(domains))
      for (const [criterionId, points] of Object.entries(byDomain)) insertDomain.run(id, unitId, criterionId, points)
    return setVersion
  }

  function current(key: ScoreInputKey): SelfAssessmentValues | undefined {
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
  }

  return {
    /** Stores a new set (call inside the action's transaction); returns its number. */
    apply,
    /**
     * An import: stores the new set and its audit entry (the set before, the set after) in one
     * transaction; returns the set now in force.
     */
    importSet(
      key: ScoreInputKey,
      values: Map<string, number>,
      by: number | null,
      source: string,
      options: SelfAssessmentOptions = {},
    ): SelfAssessmentValues {
      return db.transaction(() => {
        const before = current(key)
        const setVersion = apply(key, values, by, source, options)
        audit.record(
          selfAssessmentAudit(key, by, before, { setVersion, values, domains: options.domains ?? {} }),
          options.now,
        )
        return current(key)!
      })()
    },
    /** Every set, newest first, without values. */
    history: (key: ScoreInputKey): SelfAssessmentSet[] => ledger.all(key).map(toSet),
    /** The current set with its values, or undefined before the first import. */
    current,
  }
}

export type SelfAssessmentOptions = { now?: Date; domains?: Record<string, Record<string, number>> }

/** The audit entry of a self-assessment import, the same on both engines. */
export function selfAssessmentAudit(
  key: ScoreInputKey,
  by: number | null,
  before: SelfAssessmentValues | undefined,
  after: { setVersion: number; values: Map<string, number>; domains: Record<string, Record<string, number>> },
) {
  return {
    userId: by,
    action: 'self-assessment-apply' as const,
    target: `${key.surveyId}@${key.surveyVersion}`,
    before: before ? { setVersion: before.setVersion, values: before.values, domains: before.domains } : null,
    after: { setVersion: after.setVersion, values: Object.fromEntries(after.values), domains: after.domains },
  }
}
export type SelfAssessmentsRepository = ReturnType<typeof selfAssessmentsRepository>
