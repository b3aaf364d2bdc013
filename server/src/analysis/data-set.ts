import {
  dataSetOf,
  scoringDifferenceText,
  type Adjustment,
  type DataSetReply,
  type Locale,
  type ScoreOptions,
  type ScoringRows,
  type SeparateDataSet,
  type Survey,
  type TallyRow,
} from '@parsurvey/shared'
import type { Services } from '../services.ts'

export type VersionKey = { surveyId: string; surveyVersion: number }

/**
 * The data set a chosen survey version belongs to (shared/src/survey/data-sets.ts): the versions
 * of the same survey and year that score alike, read through the chosen version's definition
 * (labels, quotas and unit order; what scoring reads is the same in all of them).
 */
export type ResolvedDataSet = {
  definition: Survey
  /** The versions combined, ascending (the chosen one among them). */
  keys: VersionKey[]
  /** The data set's versions' definitions, in the order of `keys`. */
  surveys: Survey[]
  /** Versions of the same survey and year that score differently, and why. */
  separate: SeparateDataSet[]
}

export function resolveDataSet(services: Pick<Services, 'sqlite'>, chosen: Survey): ResolvedDataSet {
  const published = services.sqlite.surveys.versions(chosen.id)
  const { dataSet, separate } = dataSetOf(chosen, published)
  const byVersion = new Map(published.map((s) => [s.version, s]))
  byVersion.set(chosen.version, chosen)
  return {
    definition: chosen,
    keys: dataSet.versions.map((surveyVersion) => ({ surveyId: chosen.id, surveyVersion })),
    surveys: dataSet.versions.map((version) => byVersion.get(version)!),
    separate,
  }
}

/** Rows of several versions as one: the aggregates are sums, so adding the rows is exact. */
export function combinedRows(services: Pick<Services, 'aggregates'>, keys: VersionKey[]): ScoringRows {
  const parts = keys.map((key) => services.aggregates.read(key))
  return {
    cells: parts.flatMap((p) => p.cells),
    options: parts.flatMap((p) => p.options),
    tallies: parts.flatMap((p) => p.tallies),
  }
}

export function combinedTallies(services: Pick<Services, 'aggregates'>, keys: VersionKey[]): TallyRow[] {
  return keys.flatMap((key) => services.aggregates.readTallies(key))
}

/** The most recently applied of the versions' current sets (on the same instant, the newer version's). */
function latestOf<T extends { appliedAt: string }>(
  keys: VersionKey[],
  current: (key: VersionKey) => T | undefined,
): { key: VersionKey; set: T } | null {
  let best: { key: VersionKey; set: T } | null = null
  for (const key of keys) {
    const set = current(key)
    if (set && (!best || set.appliedAt >= best.set.appliedAt)) best = { key, set }
  }
  return best
}

/** What a data set's official scores take besides the answers, and where each came from. */
export type DataSetInputs = {
  options: ScoreOptions
  /** The version whose self-assessment set counts, or null when none was imported. */
  selfAssessment: { surveyVersion: number; setVersion: number } | null
  selfDomains: Record<string, Record<string, number>>
  adjustments: Adjustment[]
}

/**
 * The self-assessment and adjustments of a data set: imports are made against one version, and
 * the latest import among the data set's versions is the current one of the whole set.
 */
export function dataSetInputs(
  services: Pick<Services, 'selfAssessments' | 'adjustments'>,
  keys: VersionKey[],
): DataSetInputs {
  const self = latestOf(keys, (key) => services.selfAssessments.current(key))
  const adjusted = latestOf(keys, (key) => services.adjustments.current(key))
  return {
    options: {
      ...(self ? { selfAssessment: self.set.values } : {}),
      ...(adjusted ? { adjustments: adjusted.set.adjustments } : {}),
    },
    selfAssessment: self ? { surveyVersion: self.key.surveyVersion, setVersion: self.set.setVersion } : null,
    selfDomains: self?.set.domains ?? {},
    adjustments: adjusted?.set.adjustments ?? [],
  }
}

/** What a reply says about the data it used: versions, responses, the self-assessment, and what stayed apart. */
export function dataSetReply(
  services: Pick<Services, 'aggregates'>,
  set: ResolvedDataSet,
  selfAssessment: DataSetInputs['selfAssessment'],
  locale: Locale,
): DataSetReply {
  const responses = (versions: number[]) =>
    versions.reduce(
      (sum, surveyVersion) => sum + services.aggregates.responses({ surveyId: set.definition.id, surveyVersion }),
      0,
    )
  const versions = set.keys.map((k) => k.surveyVersion)
  return {
    surveyId: set.definition.id,
    year: set.definition.year,
    versions,
    responses: responses(versions),
    selfAssessment,
    separate: set.separate.map((s) => ({
      versions: s.versions,
      responses: responses(s.versions),
      differences: s.differences,
      reasons: s.differences.map((d) => scoringDifferenceText(d, locale)),
    })),
  }
}
