import type { Response, ScoringRows, Survey } from '@parsurvey/shared'
import { ProgressCounts } from './progress-counts.ts'
import { ResponseCounter } from './response-counter.ts'
import { counterLayout } from './counter-layout.ts'

type Key = { surveyId: string; surveyVersion: number }

/** Responses per unit × sending account × day (agg_progress); `submittedAt` is one of the merged times. */
export type ProgressRow = { unitId: string; receivedBy: number | null; submittedAt: string; responses: number }

type Pending = { key: Key; counter: ResponseCounter; progress: ProgressCounts }

/**
 * The aggregate contributions of many stored responses, merged per aggregate row so that a fold
 * writes each distinct cell, option, tally and progress row once instead of once per answer.
 * It counts with a `ResponseCounter` (integer counts per option in typed arrays, a few increments per
 * response), so counts, option counts and tallies are exact; the float `sum`/`sumSq` of a cell,
 * added to the stored ones as one delta, differ from a one-by-one addition only in the last
 * bits. Scores come from the integer option counts (scoring/README.md), so those bits never
 * reach a score.
 */
export function aggregateDelta() {
  const versions = new Map<string, Pending>()
  let responses = 0

  function pendingOf(survey: Survey): Pending {
    const id = `${survey.id}\u0000${survey.version}`
    let pending = versions.get(id)
    if (!pending) {
      pending = {
        key: { surveyId: survey.id, surveyVersion: survey.version },
        counter: new ResponseCounter(counterLayout(survey)),
        progress: new ProgressCounts(),
      }
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
      pending.counter.addResponse(response)
      pending.progress.add(response.unitId, receivedBy, response.submittedAt)
    },
    /**
     * The merged rows per survey version, ready for `aggregates.add` and `progressCounts.addRows`;
     * without the version `except` (one being rebuilt from all its responses).
     */
    rows(except?: Key): { key: Key; rows: ScoringRows; progress: ProgressRow[] }[] {
      const kept = [...versions.values()].filter(
        ({ key }) => !except || key.surveyId !== except.surveyId || key.surveyVersion !== except.surveyVersion,
      )
      return kept.map(({ key, counter, progress }) => ({ key, rows: counter.toRows(), progress: progress.rows() }))
    },
  }
}
export type AggregateDelta = ReturnType<typeof aggregateDelta>
