import { roundClosed } from '@parsurvey/shared'
import type { SurveySummary } from '../api/endpoints.ts'

/**
 * The newest published version of a draft's survey when it is newer than the draft's own, else
 * null. A draft keeps its version to the end: its questions were asked from that version, and the
 * server scores each response with the version it names.
 */
export function newerVersionOf(
  draft: { surveyId: string; surveyVersion: number },
  published: readonly SurveySummary[],
): number | null {
  const newest = Math.max(0, ...published.filter((s) => s.id === draft.surveyId).map((s) => s.version))
  return newest > draft.surveyVersion ? newest : null
}

/**
 * The closing day (YYYY-MM-DD) of the draft's survey round when that round is over at `now`, else
 * null. Finishing is still allowed (the server keeps the response and flags it for review); the
 * surveyor is told before tapping "Hoàn thành". The round is the same for every version.
 */
export function closedRoundOf(
  draft: { surveyId: string },
  published: readonly SurveySummary[],
  now: Date,
): string | null {
  const round = published.find((s) => s.id === draft.surveyId && s.round)?.round
  return round && roundClosed(round, now) ? round.closes : null
}
