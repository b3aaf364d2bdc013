import { sql } from 'kysely'
import type { Storage } from './open-storage.ts'
import type { Tx } from './transactions.ts'

/**
 * Marks the score inputs as changed. Call it inside every transaction that writes the aggregates,
 * the self-assessment or adjustment sets, or anything else scores are computed from: the new
 * number becomes visible with the writes themselves, at commit, on every server.
 */
export async function bumpScoreInputs(trx: Tx): Promise<void> {
  await trx
    .updateTable('score_inputs_generation')
    .set((eb) => ({ generation: eb('generation', '+', 1) }))
    .where('id', '=', 1)
    .execute()
}

/**
 * The stamp of the score inputs as the database has them (migration 095): equal stamps mean no
 * score input changed in between, whichever server wrote. One indexed row, read before a cached
 * score is trusted (analysis/scores-cache.ts). On SQLite the stamp also carries
 * `PRAGMA data_version`, which moves when another connection commits: the running server's own
 * path (db/aggregates.ts) does not bump the row but writes through another connection, so a
 * cache on the boundary sees its writes too — the same pair db/write-generation.ts reads.
 */
export function scoreInputsStamp(storage: Storage) {
  return {
    async stamp(): Promise<string> {
      const row = await storage.db
        .selectFrom('score_inputs_generation')
        .select('generation')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()
      if (storage.engine === 'postgres') return String(row.generation)
      const { rows } = await sql<{ data_version: number }>`PRAGMA data_version`.execute(storage.db)
      return `${row.generation}:${rows[0]?.data_version ?? 0}`
    },
  }
}
export type ScoreInputsStamp = ReturnType<typeof scoreInputsStamp>
