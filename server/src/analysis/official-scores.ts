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
import { combinedRows, dataSetInputs, dataSetReply, resolveDataSet, type ResolvedDataSet } from './data-set.ts'
import type { OfficialScores } from './scores-cache.ts'

type ScoreServices = Pick<
  Services,
  'sqlite' | 'aggregates' | 'folding' | 'scoresCache' | 'selfAssessments' | 'adjustments'
>

/**
 * The official scores of a survey version's data set (analysis/data-set.ts): the aggregates of
 * its versions added up, scored with the chosen version's definition and the data set's current
 * self-assessment and adjustments, recomputed only when one of them changed (scores-cache.ts).
 */
export function officialScores(services: ScoreServices, survey: Survey): OfficialScores & { set: ResolvedDataSet } {
  const set = resolveDataSet(services, survey)
  // Before the cache's stamp is taken, so that a fold's writes do not outdate the entry it makes.
  services.folding.flush()
  const key = { surveyId: survey.id, surveyVersion: survey.version, versions: set.keys.map((k) => k.surveyVersion) }
  const value = services.scoresCache.get(key, () => {
    const state = stateFromRows(combinedRows(services, set.keys))
    const inputs = dataSetInputs(services, set.keys)
    return { state, inputs, scores: scoreSurvey(survey, state, inputs.options) }
  })
  return { ...value, set }
}

/** `/api/scores`' answer: the scores and which data they used. */
export function scoresReply(services: ScoreServices, survey: Survey, locale: Locale): ScoresReply {
  const { scores, set, inputs } = officialScores(services, survey)
  return { ...scores, dataSet: dataSetReply(services, set, inputs.selfAssessment, locale) }
}

/**
 * Last year's data set to compare `survey` with: among the surveys of the same unit kind in the
 * latest earlier year, every data set of each survey, picked by `pickBaseline` (the one with an
 * imported self-assessment, else the most responses, else the newest); read through its newest
 * version. Undefined when there is no earlier year.
 */
export function previousYearSurvey(services: ScoreServices, survey: Survey): Survey | undefined {
  const earlier = services.sqlite.surveys
    .list()
    .filter((s) => s.unitKind === survey.unitKind && s.year < survey.year)
    .map((s) => s.survey)
  const year = Math.max(...earlier.map((s) => s.year))
  const candidates = dataSetsOf(earlier.filter((s) => s.year === year)).map((set) => {
    const keys = set.versions.map((surveyVersion) => ({ surveyId: set.surveyId, surveyVersion }))
    return {
      ...set,
      responses: keys.reduce((sum, key) => sum + services.aggregates.responses(key), 0),
      selfAssessment: keys.some((key) => services.selfAssessments.current(key) !== undefined),
    }
  })
  const picked = pickBaseline(candidates)
  if (!picked) return undefined
  const newest = Math.max(...picked.versions)
  return earlier.find((s) => s.id === picked.surveyId && s.version === newest)
}
