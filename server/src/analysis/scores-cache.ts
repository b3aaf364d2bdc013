import type { ScoringState, SurveyScores } from '@parsurvey/shared'
import type { WriteGeneration } from '../db/write-generation.ts'
import type { DataSetInputs } from './data-set.ts'

/** The chosen version and the versions of its data set (analysis/data-set.ts). */
type Key = { surveyId: string; surveyVersion: number; versions: number[] }
export type OfficialScores = { state: ScoringState; scores: SurveyScores; inputs: DataSetInputs }

/** One entry per data set: the value and the stamp of the score inputs read before computing it. */
function entries<V>() {
  const map = new Map<string, { stamp: string; value: V }>()
  const id = (key: Key) => `${key.surveyId}\u0000${key.surveyVersion}\u0000${key.versions.join(',')}`
  return {
    /** The cached value if the inputs are still those it was computed from. */
    hit: (key: Key, stamp: string): V | undefined => {
      const cached = map.get(id(key))
      return cached && cached.stamp === stamp ? cached.value : undefined
    },
    put: (key: Key, stamp: string, value: V): V => {
      map.set(id(key), { stamp, value })
      return value
    },
  }
}

/**
 * The official scores of each survey version's data set, kept until a score input changes. Scoring reads
 * ~72k aggregate rows at a province's scale and rescoring them on every request is what made
 * `/api/scores` slow; the aggregates change only when responses are stored, voided, restored or
 * corrected, rebuilt, or a self-assessment set is applied, all of which move the stamp.
 * Callers must not mutate what they get.
 */
export function scoresCache(inputs: WriteGeneration) {
  const cache = entries<OfficialScores>()
  return {
    get(key: Key, compute: () => OfficialScores): OfficialScores {
      // Taken before computing: a write landing in between leaves an older stamp, so the next
      // request recomputes rather than trusting a value newer than its stamp says.
      const stamp = inputs.stamp()
      return cache.hit(key, stamp) ?? cache.put(key, stamp, compute())
    },
  }
}
export type ScoresCache = ReturnType<typeof scoresCache>

/**
 * The same cache for several app servers on one database (storage/score-inputs.ts): the stamp is
 * the database's score-input generation, bumped in every transaction that writes a score input,
 * so a write through any server invalidates every server's entries. Read before computing, as
 * above; fold before calling `get`, so that the fold's own bump does not outdate the new entry.
 */
export function sharedScoresCache<V = OfficialScores>(inputs: { stamp(): Promise<string> }) {
  const cache = entries<V>()
  return {
    async get(key: Key, compute: () => Promise<V>): Promise<V> {
      const stamp = await inputs.stamp()
      return cache.hit(key, stamp) ?? cache.put(key, stamp, await compute())
    },
  }
}
export type SharedScoresCache<V = OfficialScores> = ReturnType<typeof sharedScoresCache<V>>
