import type {
  ProgressReply,
  RespondBody,
  RespondOpenReply,
  SessionReply,
  Response,
  SittingDraftBody,
  SittingDraftSaved,
  Survey,
  SurveyScores,
  SurveyList,
  SurveySummary as PublishedSurvey,
  ReceiptsReply,
  SyncReply,
  SyncResult,
} from '@parsurvey/shared'
import type { Http } from './http.ts'

export type { Role, SessionUser as User } from '@parsurvey/shared'

/**
 * A published survey as the device keeps it: the list's fields it uses. `round` is absent in lists
 * cached by an older app.
 */
export type SurveySummary = Pick<PublishedSurvey, 'id' | 'version' | 'year' | 'unitKind' | 'title'> & {
  round?: PublishedSurvey['round']
}

export type { ProgressCell, ProgressReply } from '@parsurvey/shared'

/** `/api/scores` answers exactly the engine's (and the CLI's) result shape. */
export type { UnitScore, ScoresReply } from '@parsurvey/shared'

/** `/api/respond/<code>` answers and takes the shapes of shared/src/api/respond.ts. */
export type { CodeGrant, RespondBody, RespondOpenReply } from '@parsurvey/shared'

const sittingUnit = (code: string, unitId: string) =>
  `/api/respond/${encodeURIComponent(code)}/units/${encodeURIComponent(unitId)}`

/** The server's API as typed calls (routes: server/src/app.ts; shared/ holds the wire shapes). */
export function createApi(http: Http) {
  const query = (surveyId: string, version: number) =>
    `surveyId=${encodeURIComponent(surveyId)}&version=${encodeURIComponent(String(version))}`
  return {
    login: (username: string, password: string) => http<SessionReply>('POST', '/api/session', { username, password }),
    session: () => http<SessionReply>('GET', '/api/session'),
    logout: () => http<void>('DELETE', '/api/session'),
    surveys: () => http<SurveyList>('GET', '/api/surveys'),
    survey: (id: string, version: number) =>
      http<Survey>('GET', `/api/surveys/${encodeURIComponent(id)}/versions/${encodeURIComponent(String(version))}`),
    sync: (responses: Response[]) => http<SyncReply>('POST', '/api/sync', { responses }, { gzip: true }),
    /** The receipts of the caller's own sent responses as they stand now (a paper form's later state). */
    receipts: (ids: string[]) =>
      http<ReceiptsReply>('GET', `/api/sync/receipts?ids=${ids.map(encodeURIComponent).join(',')}`),
    progress: (surveyId: string, version: number) =>
      http<ProgressReply>('GET', `/api/progress?${query(surveyId, version)}`),
    scores: (surveyId: string, version: number) => http<SurveyScores>('GET', `/api/scores?${query(surveyId, version)}`),
    /** A one-time access code's grant, or a personal code's sitting (`kind: 'register'`). */
    respondOpen: (code: string) => http<RespondOpenReply>('GET', `/api/respond/${encodeURIComponent(code)}`),
    respondSubmit: (code: string, body: RespondBody) =>
      http<SyncResult>('POST', `/api/respond/${encodeURIComponent(code)}`, body, { gzip: true }),
    sittingSaveDraft: (code: string, unitId: string, body: SittingDraftBody) =>
      http<SittingDraftSaved>('PUT', `${sittingUnit(code, unitId)}/draft`, body),
    sittingSubmit: (code: string, unitId: string, body: RespondBody) =>
      http<SyncResult>('POST', sittingUnit(code, unitId), body, { gzip: true }),
  }
}
export type Api = ReturnType<typeof createApi>
