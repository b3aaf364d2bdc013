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

export async function resolveDataSet(services: Pick<Services, 'surveys'>, chosen: Survey): Promise<ResolvedDataSet> {
  const published = await services.surveys.versions(chosen.id)
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
export async function combinedRows(services: Pick<Services, 'aggregates'>, keys: VersionKey[]): Promise<ScoringRows> {
  const parts: ScoringRows[] = []
  for (const key of keys) parts.push(await services.aggregates.read(key))
  return {
    cells: parts.flatMap((p) => p.cells),
    options: parts.flatMap((p) => p.options),
    tallies: parts.flatMap((p) => p.tallies),
  }
}

export async function combinedTallies(services: Pick<Services, 'aggregates'>, keys: VersionKey[]): Promise<TallyRow[]> {
  const rows: TallyRow[] = []
  for (const key of keys) rows.push(...(await services.aggregates.readTallies(key)))
  return rows
}

/** The most recently applied of the versions' current sets (on the same instant, the newer version's). */
async function latestOf<T extends { appliedAt: string }>(
  keys: VersionKey[],
  current: (key: VersionKey) => Promise<T | undefined>,
): Promise<{ key: VersionKey; set: T } | null> {
  let best: { key: VersionKey; set: T } | null = null
  for (const key of keys) {
    const set = await current(key)
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
export async function dataSetInputs(
  services: Pick<Services, 'selfAssessments' | 'adjustments'>,
  keys: VersionKey[],
): Promise<DataSetInputs> {
  const self = await latestOf(keys, (key) => services.selfAssessments.current(key))
  const adjusted = await latestOf(keys, (key) => services.adjustments.current(key))
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
export async function dataSetReply(
  services: Pick<Services, 'aggregates'>,
  set: ResolvedDataSet,
  selfAssessment: DataSetInputs['selfAssessment'],
  locale: Locale,
): Promise<DataSetReply> {
  const responses = (versions: number[]) =>
    responsesOf(
      services,
      versions.map((surveyVersion) => ({ surveyId: set.definition.id, surveyVersion })),
    )
  const versions = set.keys.map((k) => k.surveyVersion)
  const separate: DataSetReply['separate'] = []
  for (const s of set.separate)
    separate.push({
      versions: s.versions,
      responses: await responses(s.versions),
      differences: s.differences,
      reasons: s.differences.map((d) => scoringDifferenceText(d, locale)),
    })
  return {
    surveyId: set.definition.id,
    year: set.definition.year,
    versions,
    responses: await responses(versions),
    selfAssessment,
    separate,
  }
}

/** How many responses count in the versions `keys` together. */
export async function responsesOf(services: Pick<Services, 'aggregates'>, keys: VersionKey[]): Promise<number> {
  let sum = 0
  for (const key of keys) sum += await services.aggregates.responses(key)
  return sum
}
