import type { Survey } from './schema.ts'
import { scoringDifferences, type ScoringDifference } from './scoring-compatibility.ts'

/**
 * The data sets of a survey: versions of one survey (one id) in one year whose responses are
 * progress, scores and exports of one round, because scoring reads them the same way
 * (scoring-compatibility.ts). Versions that score differently stay separate data sets.
 */

/** The versions of one data set, ascending, and the definition it is read through. */
export type DataSet = { surveyId: string; year: number; versions: number[] }

/** Another data set of the same survey and year, and what scoring reads differently there. */
export type SeparateDataSet = { versions: number[]; differences: ScoringDifference[] }

/**
 * The data sets of one survey's published versions: versions of the same year, grouped so that
 * each group's versions are pairwise scoring-compatible (compatibility is equality of what scoring
 * reads, so the grouping is a partition), in ascending order of their first version.
 */
export function dataSetsOf(versions: readonly Survey[]): DataSet[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version)
  const groups: { first: Survey; set: DataSet }[] = []
  for (const survey of sorted) {
    const home = groups.find(
      (g) =>
        g.first.id === survey.id && g.first.year === survey.year && scoringDifferences(g.first, survey).length === 0,
    )
    if (home) home.set.versions.push(survey.version)
    else groups.push({ first: survey, set: { surveyId: survey.id, year: survey.year, versions: [survey.version] } })
  }
  return groups.map((g) => g.set)
}

/**
 * The data set `chosen` belongs to among `versions` (all published versions of its survey), and
 * the other data sets of the same year with what separates each from `chosen`.
 */
export function dataSetOf(
  chosen: Survey,
  versions: readonly Survey[],
): { dataSet: DataSet; separate: SeparateDataSet[] } {
  const byVersion = new Map(versions.map((s) => [s.version, s]))
  byVersion.set(chosen.version, chosen)
  const sets = dataSetsOf([...byVersion.values()].filter((s) => s.id === chosen.id && s.year === chosen.year))
  const dataSet = sets.find((s) => s.versions.includes(chosen.version))!
  const separate = sets
    .filter((s) => s !== dataSet)
    .map((s) => ({ versions: s.versions, differences: scoringDifferences(chosen, byVersion.get(s.versions[0]!)!) }))
  return { dataSet, separate }
}

/** What the year-over-year baseline is chosen on, per candidate data set of last year. */
export type BaselineCandidate = DataSet & { responses: number; selfAssessment: boolean }

/**
 * Last year's data set to compare with: the official one, i.e. one with an imported
 * self-assessment (totals and ranks need it); among those (or among all when none has one)
 * the one with the most responses; on a tie the one with the newest version.
 */
export function pickBaseline<T extends BaselineCandidate>(candidates: readonly T[]): T | undefined {
  const newest = (c: BaselineCandidate) => Math.max(...c.versions)
  return [...candidates].sort(
    (a, b) => Number(b.selfAssessment) - Number(a.selfAssessment) || b.responses - a.responses || newest(b) - newest(a),
  )[0]
}
