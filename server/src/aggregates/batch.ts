import { stateToRows, type Response, type ScoringRows, type Survey } from '@parsurvey/shared'
import { progressDayKey } from './progress-day.ts'
import { Tally } from './tally.ts'
import { tallyLayout } from './tally-layout.ts'

type Key = { surveyId: string; surveyVersion: number }

/** Responses per unit × sending account × day (agg_progress); `submittedAt` is one of the merged times. */
export type ProgressRow = { unitId: string; receivedBy: number | null; submittedAt: string; responses: number }

type Pending = { key: Key; tally: Tally; progress: Map<string, ProgressRow> }

/**
 * The aggregate contributions of many stored responses, merged per aggregate row so that a fold
 * writes each distinct cell, option, tally and progress row once instead of once per answer.
 * It counts with a `Tally` (integer counts per option in typed arrays, a few increments per
 * response), so counts, option counts and tallies are exact; the float `sum`/`sumSq` of a cell,
 * added to the stored ones as one delta, differ from a one-by-one addition only in the last
 * bits. Scores come from the integer option counts (scoring/README.md), so those bits never
 * reach a score.
 */
export function aggregateBatch() {
  const versions = new Map<string, Pending>()
  let responses = 0

  function pendingOf(survey: Survey): Pending {
    const id = `${survey.id}\u0000${survey.version}`
    let pending = versions.get(id)
    if (!pending) {
      pending = { key: { surveyId: survey.id, surveyVersion: survey.version }, tally: new Tally(tallyLayout(survey)), progress: new Map() }
      versions.set(id, pending)
    }
    return pending
  }

  return {
    /** How many responses were added. */
    get responses(): number {
      return responses
    },
    /** Adds one stored response of `survey`, sent by `receivedBy` (null: no account). */
    add(survey: Survey, response: Response, receivedBy: number | null): void {
      responses++
      const pending = pendingOf(survey)
      pending.tally.addResponse(response)
      const id = `${response.unitId}\u0000${receivedBy ?? 0}\u0000${progressDayKey(response.submittedAt)}`
      const row = pending.progress.get(id)
      if (row) row.responses++
      else pending.progress.set(id, { unitId: response.unitId, receivedBy, submittedAt: response.submittedAt, responses: 1 })
    },
    /**
     * The merged rows per survey version, ready for `aggregates.add` and `progressTallies.addRows`;
     * without the version `except` (one being rebuilt from all its responses).
     */
    rows(except?: Key): { key: Key; rows: ScoringRows; progress: ProgressRow[] }[] {
      const kept = [...versions.values()].filter(({ key }) => !except || key.surveyId !== except.surveyId || key.surveyVersion !== except.surveyVersion)
      return kept.map(({ key, tally, progress }) => {
        const rows = stateToRows(tally.toState())
        // The state keeps an empty cell beside the option counts of an unscored (profile)
        // question; the aggregate tables hold cells of scored questions only.
        rows.cells = rows.cells.filter((cell) => cell.count !== 0 || cell.dontKnow !== 0)
        return { key, rows, progress: [...progress.values()] }
      })
    },
  }
}
export type AggregateBatch = ReturnType<typeof aggregateBatch>
