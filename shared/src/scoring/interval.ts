import { sampleVariance } from './cell-stats.ts'
import type { QuestionScore } from './question-score.ts'

/** Contributing n below this gives no interval (docs/scoring.md, "95% intervals"). */
export const INTERVAL_MIN_N = 5
const Z95 = 1.959963984540054

export type ScoreInterval = { low: number; high: number }

/**
 * An approximate 95% interval for a leaf fraction f = (1/k) Σ_q Σ_g w̃(q,g)·m(q,g), where w̃ are
 * the weights renormalised over present groups and k the questions with a score.
 * Each present group's mean is treated as normal with variance s²/n (s² the sample variance from
 * sum and sumSq); groups and questions are treated as independent, so
 * Var(f) = (1/k²) Σ_q Σ_g w̃² s²/n, and the interval is f ± 1.96·√Var(f), clamped to [0, 1].
 * Returns null when no question has a score or any contributing group has n < 5.
 * Independence across questions is optimistic (the same respondents answer all of them): read
 * the interval as a lower bound on the real uncertainty.
 */
export function fractionInterval(questions: QuestionScore[], fraction: number): ScoreInterval | null {
  const scored = questions.filter((q) => q.score !== null)
  if (scored.length === 0) return null
  let variance = 0
  for (const question of scored) {
    for (const group of question.groups) {
      if (!group.present) continue
      if (group.moments.n < INTERVAL_MIN_N) return null
      const s2 = sampleVariance(group.moments) ?? 0
      variance += (group.normalisedWeight * group.normalisedWeight * s2) / group.moments.n
    }
  }
  const half = (Z95 * Math.sqrt(variance)) / scored.length
  return { low: Math.max(0, fraction - half), high: Math.min(1, fraction + half) }
}
