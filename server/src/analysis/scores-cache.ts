import type { ScoringState, SurveyScores } from '@parsurvey/shared'
import type { WriteGeneration } from '../db/write-generation.ts'
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
 */
export function scoresCache(inputs: WriteGeneration) {
  const entries = new Map<string, { stamp: string; value: OfficialScores }>()
  return {
    get(key: Key, compute: () => OfficialScores): OfficialScores {
      const id = `${key.surveyId}\u0000${key.surveyVersion}\u0000${key.versions.join(',')}`
      // Taken before computing: a write landing in between leaves an older stamp, so the next
      // request recomputes rather than trusting a value newer than its stamp says.
      const stamp = inputs.stamp()
      const cached = entries.get(id)
      if (cached && cached.stamp === stamp) return cached.value
      const value = compute()
      entries.set(id, { stamp, value })
      return value
    },
  }
}
export type ScoresCache = ReturnType<typeof scoresCache>
