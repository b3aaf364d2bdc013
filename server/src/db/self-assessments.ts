import type { SelfAssessmentSet, SelfAssessmentValues } from '@parsurvey/shared'
import type { DB } from './connection.ts'
import type { WriteGeneration } from './write-generation.ts'

type Key = { surveyId: string; surveyVersion: number }

type SetRow = {
  id: number
  set_version: number
  applied_at: string
  username: string | null
  source: string
  units: number
}

/**
 * Imported self-assessment points, one append-only set per import. The latest set of a survey
 * version is the current one; units it does not list have no self-assessment.
 */
export function selfAssessmentsRepository(db: DB, generation: WriteGeneration) {
  const nextVersion = db
    .prepare<[string, number], number>(
      'SELECT COALESCE(MAX(set_version), 0) + 1 FROM self_assessment_sets WHERE survey_id = ? AND survey_version = ?',
    )
    .pluck()
  const insertSet = db.prepare(
    'INSERT INTO self_assessment_sets (survey_id, survey_version, set_version, applied_at, applied_by, source) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const insertValue = db.prepare('INSERT INTO self_assessment_values (set_id, unit_id, points) VALUES (?, ?, ?)')
  const insertDomain = db.prepare(
    'INSERT INTO self_assessment_domain_values (set_id, unit_id, criterion_id, points) VALUES (?, ?, ?, ?)',
  )
  const domainsOf = db.prepare<[number], { unit_id: string; criterion_id: string; points: number }>(
    'SELECT unit_id, criterion_id, points FROM self_assessment_domain_values WHERE set_id = ? ORDER BY unit_id',
  )
  const sets = db.prepare<[string, number], SetRow>(
    `SELECT s.id, s.set_version, s.applied_at, u.username, s.source,
       (SELECT COUNT(*) FROM self_assessment_values v WHERE v.set_id = s.id) AS units
     FROM self_assessment_sets s LEFT JOIN users u ON u.id = s.applied_by
     WHERE s.survey_id = ? AND s.survey_version = ? ORDER BY s.set_version DESC`,
  )
  const valuesOf = db.prepare<[number], { unit_id: string; points: number }>(
    'SELECT unit_id, points FROM self_assessment_values WHERE set_id = ? ORDER BY unit_id',
  )

  const toSet = (row: SetRow): SelfAssessmentSet => ({
    setVersion: row.set_version,
    appliedAt: row.applied_at,
    appliedBy: row.username,
    source: row.source,
    units: row.units,
  })

  return {
    /** Stores a new set (call inside the action's transaction); returns its number. */
    apply(
      key: Key,
      values: Map<string, number>,
      by: number | null,
      source: string,
      { now = new Date(), domains = {} }: { now?: Date; domains?: Record<string, Record<string, number>> } = {},
    ): number {
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
      for (const [unitId, points] of values) insertValue.run(lastInsertRowid, unitId, points)
      for (const [unitId, byDomain] of Object.entries(domains))
        for (const [criterionId, points] of Object.entries(byDomain))
          insertDomain.run(lastInsertRowid, unitId, criterionId, points)
      return setVersion
    },
    /** Every set, newest first, without values. */
    history: (key: Key): SelfAssessmentSet[] => sets.all(key.surveyId, key.surveyVersion).map(toSet),
    /** The current set with its values, or undefined before the first import. */
    current(key: Key): SelfAssessmentValues | undefined {
      const row = sets.get(key.surveyId, key.surveyVersion)
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
