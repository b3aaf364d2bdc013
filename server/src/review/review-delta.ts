import { responseContributions, type Response, type ScoringRows, type Survey } from '@parsurvey/shared'
import type { ProgressRow } from '../aggregates/aggregate-delta.ts'
import { progressDayKey } from '../aggregates/progress-day.ts'

/** A stored response's content counted in (1) or out (-1) by a review action. */
export type ReviewChange = { body: string; sign: 1 | -1 }

export type Place = { unitId: string; receivedBy: number | null }

const byKey = <T>(rows: Map<string, T>): T[] =>
  [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row)

/**
 * What a review action changes in the aggregates, as one set of rows: the contributions of each
 * body (shared's `responseContributions`, as ingest counts it) times its sign, merged per
 * aggregate row and sorted by key. A correction's old and new content thus touch each row once,
 * and every action writes the rows it shares with another in the same order, so two actions on
 * two servers wait for each other rather than deadlock.
 */
export function reviewDelta(
  survey: Survey,
  place: Place,
  changes: ReviewChange[],
): { rows: ScoringRows; progress: ProgressRow[] } {
  return placedDelta(
    survey,
    changes.map((change) => ({ ...change, place })),
  )
}

/**
 * `reviewDelta` of changes to several responses of one survey version, each at its own place
 * (unit and sender): paper keyings stored in one transaction (storage/paper-keying.ts).
 */
export function placedDelta(
  survey: Survey,
  changes: (ReviewChange & { place: Place })[],
): { rows: ScoringRows; progress: ProgressRow[] } {
  const cells = new Map<string, ScoringRows['cells'][number]>()
  const options = new Map<string, ScoringRows['options'][number]>()
  const tallies = new Map<string, ScoringRows['tallies'][number]>()
  const progress = new Map<string, ProgressRow>()
  for (const { body, sign, place } of changes) {
    const response = JSON.parse(body) as Response
    const rows = responseContributions(survey, response)
    for (const r of rows.cells) {
      const key = JSON.stringify([r.unitId, r.groupId, r.questionId])
      const m = cells.get(key) ?? { ...r, count: 0, sum: 0, sumSq: 0, dontKnow: 0 }
      m.count += sign * r.count
      m.sum += sign * r.sum
      m.sumSq += sign * r.sumSq
      m.dontKnow += sign * r.dontKnow
      cells.set(key, m)
    }
    for (const r of rows.options) {
      const key = JSON.stringify([r.unitId, r.groupId, r.questionId, r.value])
      const m = options.get(key) ?? { ...r, count: 0 }
      m.count += sign * r.count
      options.set(key, m)
    }
    for (const r of rows.tallies) {
      const key = JSON.stringify([r.unitId, r.groupId, r.locationId ?? ''])
      const m = tallies.get(key) ?? { ...r, responses: 0 }
      m.responses += sign * r.responses
      tallies.set(key, m)
    }
    // The progress row of a stored response is that of its unit and sender, on its (effective) day.
    const day = progressDayKey(response.submittedAt)
    const key = JSON.stringify([place.unitId, place.receivedBy ?? 0, day])
    const m = progress.get(key) ?? { ...place, submittedAt: response.submittedAt, responses: 0 }
    m.responses += sign
    progress.set(key, m)
  }
  return {
    rows: { cells: byKey(cells), options: byKey(options), tallies: byKey(tallies) },
    progress: byKey(progress),
  }
}
