import { parseStoredResponse, stateToRows, type Survey } from '@parsurvey/shared'
import { effectiveResponses } from '../db/effective-responses.ts'
import type { Services } from '../services.ts'
import { fastResponse } from './fast-response.ts'
import { PendingResponses } from './pending-responses.ts'
import { Tally } from './tally.ts'
import { tallyLayout } from './tally-layout.ts'

export type RebuildResult = { surveyId: string; surveyVersion: number; responses: number }

/**
 * Recomputes the aggregate tables of one survey version from the stored responses, in one
 * transaction (readers see the old or the new aggregates, never a mix). Counts, option counts and
 * tallies come out exactly those of the incremental path; the float `sum`/`sum_sq` agree to about
 * 1e-9 relative, not bit for bit: ingest adds each sync batch's merged delta (see
 * aggregates/batch.ts), a rebuild writes Σ count × score from its integer tally (tally.ts).
 * Scores are computed from the integer option counts, so they are identical.
 */
export function rebuildAggregates(services: Services, survey: Survey, by: number | null = null): RebuildResult {
  const key = { surveyId: survey.id, surveyVersion: survey.version }
  // IMMEDIATE: take the write lock before reading, so a response stored meanwhile by the server
  // (another process) waits for the rebuild instead of being missed by it.
  return services.db.transaction((): RebuildResult => {
    const layout = tallyLayout(survey)
    const tally = new Tally(layout)
    const pending = new PendingResponses()
    let responses = 0
    // Effective bodies: voided responses left out, accepted corrections in place of the original.
    // Counted through the fast path when it can place a body, read as zod would otherwise.
    for (const { body } of effectiveResponses(services.db, survey.id, survey.version)) {
      const data: unknown = JSON.parse(body)
      if (fastResponse(layout, data, pending) === undefined) pending.pushResponse(parseStoredResponse(survey, data))
      if (pending.count === 4096) pending.commit(tally)
      responses++
    }
    pending.commit(tally)
    const rows = stateToRows(tally.toState())
    // The state keeps an empty cell beside the option counts of unscored questions (profile
    // questions); the incremental path never writes such a cell, so neither does a rebuild.
    rows.cells = rows.cells.filter((cell) => cell.count !== 0 || cell.dontKnow !== 0)
    services.aggregates.replace(key, rows)
    services.progressTallies.rebuild(key)
    services.audit.record({ userId: by, action: 'aggregates-rebuild', target: `${survey.id}@${survey.version}`, after: { responses } })
    return { ...key, responses }
  }).immediate()
}

/** Rebuilds every published survey version, each in its own transaction. */
export function rebuildAllAggregates(services: Services, by: number | null = null): RebuildResult[] {
  return services.surveys.list().map(({ id, version }) => rebuildAggregates(services, services.surveys.get(id, version)!.survey, by))
}
