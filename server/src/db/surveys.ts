import {
  canonicalJson,
  contentHash,
  DomainError,
  surveySchema,
  type Survey,
  type SurveySummary,
} from '@parsurvey/shared'
import { auditRepository } from './audit.ts'
import type { DB } from './connection.ts'

/** A published version as stored; the route adds the round in force. */
export type StoredSurveySummary = Omit<SurveySummary, 'round'> & { survey: Survey }

/** A published version: its definition, content hash and when it was published (ISO). */
export type Published = { survey: Survey; hash: string; publishedAt: string }

type SurveyRow = { id: string; version: number; definition: string; hash: string; published_at: string }

/**
 * Published survey definitions. A published (id, version) never changes (the table's triggers
 * refuse updates), so parsed definitions are cached for the life of the process. On PostgreSQL
 * the same port is storage/survey-store.ts.
 */
export function surveysRepository(db: DB) {
  const insert = db.prepare(
    'INSERT INTO surveys (id, version, definition, hash, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const one = db.prepare<[string, number], SurveyRow>('SELECT * FROM surveys WHERE id = ? AND version = ?')
  const all = db.prepare<[], SurveyRow>('SELECT * FROM surveys ORDER BY id, version')
  const ofId = db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE id = ? ORDER BY version')
  const newest = db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE id = ? ORDER BY version DESC LIMIT 1')
  const below = db.prepare<[string, number], SurveyRow>(
    'SELECT * FROM surveys WHERE id = ? AND version < ? ORDER BY version DESC LIMIT 1',
  )
  const audit = auditRepository(db)
  const cache = new Map<string, Published>()

  function load(row: SurveyRow): Published {
    const key = `${row.id}@${row.version}`
    let hit = cache.get(key)
    if (!hit) {
      hit = { survey: surveySchema.parse(JSON.parse(row.definition)), hash: row.hash, publishedAt: row.published_at }
      cache.set(key, hit)
    }
    return hit
  }

  return {
    /**
     * Publishes a validated survey with its audit entry, in one transaction. Publishing the
     * identical definition again is a no-op; a different definition under a published
     * (id, version) is refused.
     */
    publish(survey: Survey, by: number | null, now = new Date()): { created: boolean; hash: string } {
      const definition = canonicalJson(survey)
      const hash = contentHash(survey)
      return db.transaction(() => {
        const existing = one.get(survey.id, survey.version)
        if (existing) {
          if (existing.hash === hash) return { created: false, hash }
          throw versionExists(survey)
        }
        insert.run(survey.id, survey.version, definition, hash, now.toISOString(), by)
        audit.record(
          { userId: by, action: 'survey-publish', target: `${survey.id}@${survey.version}`, after: { hash } },
          now,
        )
        return { created: true, hash }
      })()
    },
    get(id: string, version: number): Published | undefined {
      // Cached first: a published version never changes, and reading its definition row for
      // every response of a sync batch cost more than validating the response.
      const cached = cache.get(`${id}@${version}`)
      if (cached) return cached
      const row = one.get(id, version)
      return row && load(row)
    },
    /** The highest published version of `id`. */
    latest(id: string): Survey | undefined {
      const row = newest.get(id)
      return row && load(row).survey
    },
    /** The highest published version of `id` below `version` (what a new version is compared with). */
    previous(id: string, version: number): Survey | undefined {
      const row = below.get(id, version)
      return row && load(row).survey
    },
    /** Every published version of `id`, oldest first. */
    versions(id: string): Survey[] {
      return ofId.all(id).map((row) => load(row).survey)
    },
    list(): StoredSurveySummary[] {
      return all.all().map((row) => {
        const { survey, hash } = load(row)
        const { id, version, year, unitKind, title } = survey
        return { id, version, year, unitKind, title, hash, publishedAt: row.published_at, survey }
      })
    },
  }
}
/** The refusal of other content under a published (id, version), on both engines. */
export const versionExists = (survey: Pick<Survey, 'id' | 'version'>): DomainError =>
  new DomainError('survey-version-exists', {
    field: 'version',
    params: { id: survey.id, version: survey.version },
    status: 409,
  })

export type SurveysRepository = ReturnType<typeof surveysRepository>
