import {
  dataSetsOf,
  pickBaseline,
  scoreSurvey,
  stateFromRows,
  type Locale,
  type ScoresReply,
  type Survey,
} from '@parsurvey/shared'
import type { Services } from '../services.ts'
import {
  combinedRows,
  dataSetInputs,
  dataSetReply,
  resolveDataSet,
  responsesOf,
  type ResolvedDataSet,
} from './data-set.ts'
import type { OfficialScores } from './scores-cache.ts'

/** What official scores read: the surveys' port and the ports of scores and progress. */
type ScoreServices = Pick<Services, 'surveys' | 'aggregates' | 'scoresCache' | 'selfAssessments' | 'adjustments'>

/**
 * The official scores of a survey version's data set (analysis/data-set.ts): the aggregates of
 * its versions added up, scored with the chosen version's definition and the data set's current
 * self-assessment and adjustments, recomputed only when one of them changed (scores-cache.ts).
 */
export async function officialScores(
  services: ScoreServices,
  survey: Survey,
): Promise<OfficialScores & { set: ResolvedDataSet }> {
  const set = await resolveDataSet(services, survey)
  // Before the cache's stamp is taken, so that a fold's writes do not outdate the entry it makes.
  await services.aggregates.fold()
  const key = { surveyId: survey.id, surveyVersion: survey.version, versions: set.keys.map((k) => k.surveyVersion) }
  const value = await services.scoresCache.get(key, async () => {
    const state = stateFromRows(await combinedRows(services, set.keys))
    const inputs = await dataSetInputs(services, set.keys)
    return { state, inputs, scores: scoreSurvey(survey, state, inputs.options) }
  })
  return { ...value, set }
}

/** `/api/scores`' answer: the scores and which data they used. */
export async function scoresReply(services: ScoreServices, survey: Survey, locale: Locale): Promise<ScoresReply> {
  const { scores, set, inputs } = await officialScores(services, survey)
  return { ...scores, dataSet: await dataSetReply(services, set, inputs.selfAssessment, locale) }
}

/**
 * Last year's data set to compare `survey` with: among the surveys of the same unit kind in the
 * latest earlier year, every data set of each survey, picked by `pickBaseline` (the one with an
 * imported self-assessment, else the most responses, else the newest); read through its newest
 * version. Undefined when there is no earlier year.
 */
export async function previousYearSurvey(services: ScoreServices, survey: Survey): Promise<Survey | undefined> {
  const earlier = (await services.surveys.list())
    .map((s) => s.survey)
    .filter((s) => s.unitKind === survey.unitKind && s.year < survey.year)
  const year = Math.max(...earlier.map((s) => s.year))
  const candidates = []
  for (const set of dataSetsOf(earlier.filter((s) => s.year === year))) {
    const keys = set.versions.map((surveyVersion) => ({ surveyId: set.surveyId, surveyVersion }))
    let selfAssessment = false
    for (const key of keys) selfAssessment ||= (await services.selfAssessments.current(key)) !== undefined
    candidates.push({ ...set, responses: await responsesOf(services, keys), selfAssessment })
  }
  const picked = pickBaseline(candidates)
  if (!picked) return undefined
  const newest = Math.max(...picked.versions)
  return earlier.find((s) => s.id === picked.surveyId && s.version === newest)
}
