import type { Question, Survey } from '../survey/schema.ts'
import { optionScore } from './survey-index.ts'
import { findCell, optionCount, type ScoreCell, type ScoringState } from './state.ts'

/** What a group's mean for one question is computed from (docs/scoring.md, step 1). */
export type Moments = {
  /** Answers that count: scored ones, plus don't-knows under `dontKnow: zero`. */
  n: number
  sum: number
  sumSq: number
  /** Don't-know answers, whatever the rule. */
  dontKnow: number
}

/**
 * The moments of a cell under the survey's don't-know rule.
 * Sums are recomputed from the integer option counts (Σ count × score, in option order) whenever
 * those counts agree with the cell: that result does not depend on the order responses arrived
 * in, so the CLI, the server and a rebuild all get the same bits. The float sums of the cell are
 * the fallback when option counts were not kept.
 */
export function cellMoments(cell: ScoreCell | undefined, question: Question, rule: Survey['dontKnow']): Moments {
  if (!cell) return { n: 0, sum: 0, sumSq: 0, dontKnow: 0 }
  let scored = 0
  let unscored = 0
  let sum = 0
  let sumSq = 0
  for (const option of question.options) {
    const count = optionCount(cell, option.value)
    const score = optionScore(option)
    if (score === null) {
      unscored += count
    } else {
      scored += count
      sum += count * score
      sumSq += count * score * score
    }
  }
  const exact = scored === cell.count && unscored === cell.dontKnow
  const base = exact ? { sum, sumSq } : { sum: cell.sum, sumSq: cell.sumSq }
  // Under `zero` a don't-know is an answer scoring 0: it adds to n and nothing to the sums.
  const n = rule === 'zero' ? cell.count + cell.dontKnow : cell.count
  return { n, ...base, dontKnow: cell.dontKnow }
}

/** Sample variance (n − 1 denominator) of the answers; null below two answers. */
export function sampleVariance(m: Moments): number | null {
  if (m.n < 2) return null
  return Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1))
}

/** Answers pooled over several questions for one unit × group: n that count, their mean, don't-knows. */
export type PooledCell = { n: number; mean: number | null; dontKnow: number }

/**
 * The answers of one unit × group pooled over `questions` (a criterion's, a domain's), under the
 * survey's don't-know rule; null when none of the questions is asked of the group.
 */
export function pooledCell(
  survey: Survey,
  state: ScoringState,
  unitId: string,
  groupId: string,
  questions: Question[],
): PooledCell | null {
  const asked = questions.filter((q) => q.groups.includes(groupId))
  if (asked.length === 0) return null
  let n = 0
  let sum = 0
  let dontKnow = 0
  for (const question of asked) {
    const m = cellMoments(findCell(state, unitId, groupId, question.id), question, survey.dontKnow)
    n += m.n
    sum += m.sum
    dontKnow += m.dontKnow
  }
  return { n, mean: n > 0 ? sum / n : null, dontKnow }
}
