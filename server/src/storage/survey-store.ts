import { canonicalJson, contentHash, surveySchema, type Survey } from '@parsurvey/shared'
import type { Async } from './backend.ts'
import { versionExists, type Published, type StoredSurveySummary, type SurveysRepository } from '../db/surveys.ts'
import { auditStore } from './audit-store.ts'
import type { Storage } from './open-storage.ts'
import type { SurveysTable } from './schema.ts'
import { writeTransaction } from './transactions.ts'

/**
 * Published survey definitions on the async storage boundary (docs/storage.md), for SQLite and
 * PostgreSQL alike: the port of db/surveys.ts. A published version never changes (trigger), so
 * each process caches the parsed definitions it has read; a version published through another
 * server is found by a read on a cache miss.
 *
 * Publishing is decided by the primary key: `INSERT … ON CONFLICT (id, version) DO NOTHING
 * RETURNING`, so two servers publishing the same version at once store it once and write one
 * audit entry (on PostgreSQL the second insert waits for the first transaction, then finds the
 * row and compares hashes: the same content is a no-op, other content a 409).
 */
export function surveyStore(storage: Storage) {
  const db = storage.db
  const cache = new Map<string, Published>()

  function load(row: SurveysTable): Published {
    const key = `${row.id}@${row.version}`
    let hit = cache.get(key)
    if (!hit) {
      hit = { survey: surveySchema.parse(JSON.parse(row.definition)), hash: row.hash, publishedAt: row.published_at }
      cache.set(key, hit)
    }
    return hit
  }
  const rows = () => db.selectFrom('surveys').selectAll()

  return {
    async publish(survey: Survey, by: number | null, now = new Date()): Promise<{ created: boolean; hash: string }> {
      const hash = contentHash(survey)
      return writeTransaction(storage, async (trx) => {
        const inserted = await trx
          .insertInto('surveys')
          .values({
            id: survey.id,
            version: survey.version,
            definition: canonicalJson(survey),
            hash,
            published_at: now.toISOString(),
            published_by: by,
          })
          .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
          .returning('id')
          .executeTakeFirst()
        if (!inserted) {
          const existing = await trx
            .selectFrom('surveys')
            .select('hash')
            .where('id', '=', survey.id)
            .where('version', '=', survey.version)
            .executeTakeFirstOrThrow()
          if (existing.hash === hash) return { created: false, hash }
          throw versionExists(survey)
        }
        await auditStore(trx).record(
          { userId: by, action: 'survey-publish', target: `${survey.id}@${survey.version}`, after: { hash } },
          now,
        )
        return { created: true, hash }
      })
    },
    async get(id: string, version: number): Promise<Published | undefined> {
      const cached = cache.get(`${id}@${version}`)
      if (cached) return cached
      const row = await rows().where('id', '=', id).where('version', '=', version).executeTakeFirst()
      return row && load(row)
    },
    async latest(id: string): Promise<Survey | undefined> {
      const row = await rows().where('id', '=', id).orderBy('version', 'desc').limit(1).executeTakeFirst()
      return row && load(row).survey
    },
    async previous(id: string, version: number): Promise<Survey | undefined> {
      const row = await rows()
        .where('id', '=', id)
        .where('version', '<', version)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst()
      return row && load(row).survey
    },
    async versions(id: string): Promise<Survey[]> {
      const found = await rows().where('id', '=', id).orderBy('version').execute()
      return found.map((row) => load(row).survey)
    },
    async list(): Promise<StoredSurveySummary[]> {
      const found = await rows().orderBy('id').orderBy('version').execute()
      return found.map((row) => {
        const { survey, hash } = load(row)
        const { id, version, year, unitKind, title } = survey
        return { id, version, year, unitKind, title, hash, publishedAt: row.published_at, survey }
      })
    },
  } satisfies Async<SurveysRepository>
}
export type SurveyStore = ReturnType<typeof surveyStore>
