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
