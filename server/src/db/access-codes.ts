import type { CodeBatch, CodeBatchSummary } from '@parsurvey/shared'
import { auditRepository } from './audit.ts'
import type { DB } from './connection.ts'

export type StoredCode = { id: number; hash: string; sealed: string; usedAt: string | null; responseId: string | null }

/** A code found by its hash, with the batch it belongs to. */
export type FoundCode = StoredCode & { batch: CodeBatch }

/** Draws one fresh code: its lookup hash and its sealed text (codes/batches.ts). */
export type DrawCode = () => { hash: string; sealed: string }

/** The audit entry of an issued batch: what was issued, never the codes themselves. */
export const batchIssuedEntry = (id: number, batch: Omit<CodeBatch, 'id'>) => ({
  userId: batch.createdBy,
  action: 'code-batch-create' as const,
  target: `code-batch:${id}`,
  after: { id, ...batch },
})

const batchColumns = `b.id, b.survey_id AS surveyId, b.survey_version AS surveyVersion, b.unit_id AS unitId,
  b.group_id AS groupId, b.location_id AS locationId, b.count, b.note, b.expires_at AS expiresAt,
  b.created_at AS createdAt, b.created_by AS createdBy`
const codeColumns =
  'c.id, c.code_hash AS hash, c.code_sealed AS sealed, c.used_at AS usedAt, c.response_id AS responseId'

/** Batches of one-time access codes and their use (migration 003). Codes are found by hash only. */
export function accessCodesRepository(db: DB) {
  const insertBatch = db.prepare(
    `INSERT INTO code_batches (survey_id, survey_version, unit_id, group_id, location_id, count, note, expires_at, created_at, created_by)
     VALUES (@surveyId, @surveyVersion, @unitId, @groupId, @locationId, @count, @note, @expiresAt, @createdAt, @createdBy)`,
  )
  const insertCode = db.prepare(
    'INSERT INTO access_codes (batch_id, code_hash, code_sealed) VALUES (?, ?, ?) ON CONFLICT (code_hash) DO NOTHING',
  )
  const oneBatch = db.prepare<[number], CodeBatch>(`SELECT ${batchColumns} FROM code_batches b WHERE b.id = ?`)
  // A NULL version lists every version of the survey.
  const summaries = db.prepare<[{ surveyId: string; now: string; version: number | null }], CodeBatchSummary>(
    `SELECT ${batchColumns},
       COUNT(c.id) AS issued,
       COUNT(c.used_at) AS used,
       SUM(c.used_at IS NULL AND b.expires_at IS NOT NULL AND b.expires_at < @now) AS expired
     FROM code_batches b LEFT JOIN access_codes c ON c.batch_id = b.id
     WHERE b.survey_id = @surveyId AND (@version IS NULL OR b.survey_version = @version)
     GROUP BY b.id ORDER BY b.id DESC`,
  )
  const codesOf = db.prepare<[number], StoredCode>(
    `SELECT ${codeColumns} FROM access_codes c WHERE c.batch_id = ? ORDER BY c.id`,
  )
  const byHash = db.prepare<[string], StoredCode & { batchId: number }>(
    `SELECT ${codeColumns}, c.batch_id AS batchId FROM access_codes c WHERE c.code_hash = ?`,
  )
  const markUsed = db.prepare('UPDATE access_codes SET used_at = ?, response_id = ? WHERE id = ? AND used_at IS NULL')
  const audit = auditRepository(db)

  return {
    /**
     * Issues a batch in one transaction: its row, `batch.count` codes from `draw` (a hash already
     * taken, odds ~2^-60 per code, is simply drawn again) and its audit entry. Returns its id.
     */
    issue: (batch: Omit<CodeBatch, 'id'>, draw: DrawCode, now: Date): number =>
      db.transaction(() => {
        const id = Number(insertBatch.run(batch).lastInsertRowid)
        for (let added = 0; added < batch.count;) {
          const { hash, sealed } = draw()
          if (insertCode.run(id, hash, sealed).changes === 1) added++
        }
        audit.record(batchIssuedEntry(id, batch), now)
        return id
      })(),
    batch: (id: number): CodeBatch | undefined => oneBatch.get(id),
    /** Batches of a survey, newest first, with issued / used / expired-unused counts at `now`. */
    list(surveyId: string, version: number | null, now: Date): CodeBatchSummary[] {
      return summaries
        .all({ surveyId, now: now.toISOString(), version })
        .map((row) => ({ ...row, expired: row.expired ?? 0 }))
    },
    codes: (batchId: number): StoredCode[] => codesOf.all(batchId),
    findByHash(hash: string): FoundCode | undefined {
      const row = byHash.get(hash)
      if (!row) return undefined
      const { batchId, ...code } = row
      return { ...code, batch: oneBatch.get(batchId)! }
    },
    /** Links the code to the response stored with it; false when it was used already. */
    markUsed: (codeId: number, responseId: string, usedAt: string): boolean =>
      markUsed.run(usedAt, responseId, codeId).changes === 1,
  }
}
export type AccessCodesRepository = ReturnType<typeof accessCodesRepository>
