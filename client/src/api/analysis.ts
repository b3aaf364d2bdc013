import { currentLocale } from '../i18n/index.ts'
import type {
  DayProgressReply,
  ExplainReply,
  PreviousYearReply,
  ProgressReply,
  ScorecardReply,
  ScoresReply,
  SurveyorProgressReply,
} from '@parsurvey/shared'
import { createHttp, type FetchFn } from './http.ts'

/** The analyst views' API: progress per surveyor and per day, one unit's score explained. */

export type {
  CriterionExplanation,
  DayProgress,
  ExplainReply,
  GroupDomainCell,
  GroupExplanation,
  QuestionExplanation,
  SurveyorProgress,
} from '@parsurvey/shared'

export type SurveyKey = { id: string; version: number }
const query = (key: SurveyKey, extra: Record<string, string> = {}) =>
  Object.entries({ surveyId: key.id, version: String(key.version), ...extra })
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')

export function createAnalysisApi(options: { fetch: FetchFn; locale: () => string }) {
  const http = createHttp(options)
  return {
    progress: (key: SurveyKey) => http<ProgressReply>('GET', `/api/progress?${query(key)}`),
    bySurveyor: (key: SurveyKey) => http<SurveyorProgressReply>('GET', `/api/progress/by-surveyor?${query(key)}`),
    byDay: (key: SurveyKey) => http<DayProgressReply>('GET', `/api/progress/by-day?${query(key)}`),
    scores: (key: SurveyKey) => http<ScoresReply>('GET', `/api/scores?${query(key)}`),
    /** Last year's official data set of the same unit kind, scored (null when there is no earlier year). */
    previousYear: (key: SurveyKey) => http<PreviousYearReply>('GET', `/api/scores/previous-year?${query(key)}`),
    explain: (key: SurveyKey, unitId: string) =>
      http<ExplainReply>('GET', `/api/scores/explain?${query(key, { unitId })}`),
    scorecard: (key: SurveyKey, unitId: string) =>
      http<ScorecardReply>(
        'GET',
        `/api/results/scorecard?${query(key, { unitId, lang: options.locale() === 'en' ? 'en' : 'vi' })}`,
      ),
  }
}
export type AnalysisApi = ReturnType<typeof createAnalysisApi>

/** The server's streamed exports, opened by the browser itself as downloads. */
export const EXPORTS = [
  'progress',
  'progress-by-surveyor',
  'progress-by-day',
  'scores',
  'matrix',
  'responses-long',
  'responses-wide',
] as const
export type ExportName = (typeof EXPORTS)[number]
/** An export's download link, its headers and names in the page's language (`lang`). */
export const exportLink = (name: ExportName, format: 'csv' | 'xlsx', key: SurveyKey, lang: string): string =>
  `/api/exports/${name}.${format}?${query(key, { lang: lang === 'en' ? 'en' : 'vi' })}`

/** The results pack of the official scores (server/src/results): the XLSX appendix or the DOCX draft report. */
export const resultsPackLink = (format: 'xlsx' | 'docx', key: SurveyKey): string =>
  `/api/results/pack.${format}?${query(key)}`

/** One scorecard page per unit (DOCX), for the office to send each unit. */
export const scorecardsLink = (key: SurveyKey): string => `/api/results/scorecards.docx?${query(key)}`

let shared: AnalysisApi | undefined
/** The analysis API over the page's own fetch, made on first use. */
export function useAnalysisApi(): AnalysisApi {
  shared ??= createAnalysisApi({ fetch: (input, init) => globalThis.fetch(input, init), locale: currentLocale })
  return shared
}
