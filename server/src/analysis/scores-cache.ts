import type { ScoringState, SurveyScores } from '@parsurvey/shared'
import type { DataSetInputs } from './data-set.ts'

/** The chosen version and the versions of its data set (analysis/data-set.ts). */
type Key = { surveyId: string; surveyVersion: number; versions: number[] }
export type OfficialScores = { state: ScoringState; scores: SurveyScores; inputs: DataSetInputs }

/**
 * The official scores of each survey version's data set, kept until a score input changes. Scoring reads
 * ~72k aggregate rows at a province's scale and rescoring them on every request is what made
 * `/api/scores` slow; the aggregates change only when responses are stored, voided, restored or
 * corrected, rebuilt, or a self-assessment set is applied, all of which move the stamp.
 * Callers must not mutate what they get.
 *
 * The stamp: on PostgreSQL the database's score-input generation (storage/score-inputs.ts), bumped
 * in every transaction that writes a score input, so a write through any server invalidates every
 * server's entries; on SQLite db/write-generation.ts (this process's writes and other
 * connections' commits). It is taken before computing: a write landing in between leaves an older
 * stamp, so the next request recomputes rather than trusting a value newer than its stamp says.
 * Fold before calling `get`, so that the fold's own bump does not outdate the new entry.
 */
export function sharedScoresCache<V = OfficialScores>(inputs: { stamp(): Promise<string> }) {
  /** One entry per data set: its value (computed, or being computed) and the stamp read before computing it. */
  const entries = new Map<string, { stamp: string; value: Promise<V> }>()
  return {
    async get(key: Key, compute: () => Promise<V>): Promise<V> {
      const stamp = await inputs.stamp()
      const id = `${key.surveyId}\u0000${key.surveyVersion}\u0000${key.versions.join(',')}`
      const cached = entries.get(id)
      if (cached && cached.stamp === stamp) return cached.value
      // Requests that arrive while it is computed wait for the same value; a failure is not kept.
      const entry = { stamp, value: compute() }
      entries.set(id, entry)
      entry.value.catch(() => {
        if (entries.get(id) === entry) entries.delete(id)
      })
      return entry.value
    },
  }
}
export type SharedScoresCache<V = OfficialScores> = ReturnType<typeof sharedScoresCache<V>>
