import type { CellRow, OptionRow, ScoringRows, TallyRow } from '@parsurvey/shared'

type Key = { surveyId: string; surveyVersion: number }

/** A cell being summed: counts are exact integers; the scores are counted per distinct value. */
type PendingCell = Omit<CellRow, 'sum' | 'sumSq'> & { scores: Map<number, number> }
type Pending = { key: Key; cells: Map<string, PendingCell>; options: Map<string, OptionRow>; tallies: Map<string, TallyRow> }

/**
 * The aggregate contributions of the responses stored in one transaction, merged per row key so
 * that each distinct cell, option and tally is written once instead of once per answer.
 *
 * Counts, don't-knows, option counts and tallies add exactly. The float `sum`/`sumSq` of a cell
 * are kept as a count per distinct score and written as Σ n × score, so the batch adds one
 * rounded delta; the stored sums then differ from a one-by-one addition (and from a rebuild) only
 * in the last bits. Scores themselves come from the integer option counts (scoring/README.md),
 * so those bits never reach a score.
 */
export function aggregateBatch() {
  const versions = new Map<string, Pending>()

  function pendingOf(key: Key): Pending {
    const id = `${key.surveyId}\u0000${key.surveyVersion}`
    let pending = versions.get(id)
    if (!pending) versions.set(id, (pending = { key, cells: new Map(), options: new Map(), tallies: new Map() }))
    return pending
  }

  return {
    /** Adds one response's contribution rows (`responseContributions`). */
    add(key: Key, rows: ScoringRows): void {
      const pending = pendingOf(key)
      for (const r of rows.cells) {
        const id = `${r.unitId}\u0000${r.groupId}\u0000${r.questionId}`
        let cell = pending.cells.get(id)
        if (!cell) {
          cell = { unitId: r.unitId, groupId: r.groupId, questionId: r.questionId, count: 0, dontKnow: 0, scores: new Map() }
          pending.cells.set(id, cell)
        }
        cell.dontKnow += r.dontKnow
        if (r.count === 0) continue
        cell.count += r.count
        // A contribution row holds one answer: sum is its score (count 1).
        const score = r.sum / r.count
        cell.scores.set(score, (cell.scores.get(score) ?? 0) + r.count)
      }
      for (const r of rows.options) {
        const id = `${r.unitId}\u0000${r.groupId}\u0000${r.questionId}\u0000${r.value}`
        const option = pending.options.get(id)
        if (option) option.count += r.count
        else pending.options.set(id, { ...r })
      }
      for (const r of rows.tallies) {
        const id = `${r.unitId}\u0000${r.groupId}\u0000${r.locationId ?? ''}`
        const tally = pending.tallies.get(id)
        if (tally) tally.responses += r.responses
        else pending.tallies.set(id, { ...r })
      }
    },
    /** The merged rows per survey version, ready for `aggregates.add`. */
    rows(): { key: Key; rows: ScoringRows }[] {
      return [...versions.values()].map(({ key, cells, options, tallies }) => ({
        key,
        rows: {
          cells: [...cells.values()].map(({ unitId, groupId, questionId, count, dontKnow, scores }) => {
            let sum = 0
            let sumSq = 0
            for (const [score, n] of scores) {
              sum += n * score
              sumSq += n * (score * score)
            }
            return { unitId, groupId, questionId, count, sum, sumSq, dontKnow }
          }),
          options: [...options.values()],
          tallies: [...tallies.values()],
        },
      }))
    },
  }
}
export type AggregateBatch = ReturnType<typeof aggregateBatch>
