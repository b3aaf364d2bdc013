import type {
  BatchWithCodes,
  CodeBatchList,
  CodeBatchRequest,
  AuditPage,
  SelfAssessmentState,
  AccountInput,
  AccountList,
  AccountReply,
  AccountUpdate,
  PasswordOutcome,
  QualityReport,
  ReviewReply,
  RoundReply,
  SurveyRound,
  SelfAssessmentApplied,
  SelfAssessmentPreview,
  AdjustmentsApplied,
  AdjustmentsPreview,
  AdjustmentsState,
  RegisterApplied,
  RegisterList,
  RegisterPreview,
  RegisterRefusal,
  SurveyIssueReply,
  SurveyList,
  SurveyPublishReply,
  SurveyRefusal,
  Survey,
} from '@parsurvey/shared'
import { currentLocale } from '../i18n/index.ts'
import { ApiError, createHttp, NetworkError, type FetchFn, type Http } from './http.ts'

/** The review, quality and administration API (admin, analyst, supervisor pages). */

export type { FlagKind, FlaggedResponse, QualityFlag, QualityReport, Voided } from '@parsurvey/shared'
export type { ReviewedResponse } from '@parsurvey/shared'

export type { AdjustmentsPreview, AdjustmentsState, Notice, PreviewRow, SelfAssessmentPreview } from '@parsurvey/shared'
export type { SelfAssessmentSet, SelfAssessmentState, AuditEntry, AuditPage } from '@parsurvey/shared'
export type { RegisterApplied, RegisterEntry, RegisterPreview, RegisterRow } from '@parsurvey/shared'
export type { Account, AccountInput, PasswordOutcome } from '@parsurvey/shared'

export type { SurveySummary as PublishedSurvey, RoundReply, SurveyRound } from '@parsurvey/shared'
export type { SurveyIssueReply as SurveyIssue, SurveyDiff } from '@parsurvey/shared'
/** A survey upload's answer: the reply (with what changed since the last version), or every problem. */
export type SurveyUpload =
  ({ ok: true } & SurveyPublishReply) | { ok: false; message: string; issues: SurveyIssueReply[] }

/** The admin page reads batches as the server lists them. */
export type { CodeBatchSummary as CodeBatch, IssuedCode } from '@parsurvey/shared'
export type { CodeBatchRequest as BatchInput } from '@parsurvey/shared'

const q = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')

type Options = { fetch: FetchFn; locale: () => string }

export function createAdminApi({ fetch, locale }: Options) {
  const http: Http = createHttp({ fetch, locale })

  /** Sends a file's bytes (or text) as it is; answers the status and the JSON body, errors included. */
  async function send(
    path: string,
    body: Blob | string,
    contentType: string,
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    let reply: Response
    try {
      reply = await fetch(path, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Accept-Language': locale(), 'Content-Type': contentType },
        credentials: 'same-origin',
        body,
      })
    } catch (error) {
      throw new NetworkError(error)
    }
    const json = ((await reply.json().catch(() => null)) ?? {}) as Record<string, unknown>
    return { status: reply.status, json }
  }
  const errorOf = (status: number, json: Record<string, unknown>) => {
    const error = json.error as { code?: string; message?: string; field?: string } | undefined
    return new ApiError(status, error?.code ?? `http-${status}`, error?.message ?? `HTTP ${status}`, error?.field)
  } /** Sends a score-input file (self-assessment, adjustments) to `/api/<path>`; the reply or its error. */
  async function upload<T>(
    path: string,
    expected: number,
    key: { surveyId: string; version: number },
    file: File,
  ): Promise<T> {
    const query = path.endsWith('/apply') ? { ...key, fileName: file.name } : key
    const { status, json } = await send(`/api/${path}?${q(query)}`, file, fileType(file))
    if (status !== expected) throw errorOf(status, json)
    return json as T
  }

  return {
    quality: (surveyId: string, version: number) =>
      http<QualityReport>('GET', `/api/quality?${q({ surveyId, version })}`),
    voidResponse: (id: string, reason: string) =>
      http<ReviewReply>('POST', `/api/review/responses/${encodeURIComponent(id)}/void`, { reason }),
    restoreResponse: (id: string, reason: string) =>
      http<ReviewReply>('POST', `/api/review/responses/${encodeURIComponent(id)}/restore`, {
        reason,
      }),
    resolveConflict: (seq: number, action: 'keep-original' | 'accept-new', reason: string) =>
      http<ReviewReply>('POST', `/api/review/conflicts/${seq}/resolve`, { action, reason }),

    selfAssessment: (surveyId: string, version: number) =>
      http<SelfAssessmentState>('GET', `/api/self-assessment?${q({ surveyId, version })}`),
    previewSelfAssessment: (surveyId: string, version: number, file: File) =>
      upload<SelfAssessmentPreview>('self-assessment/preview', 200, { surveyId, version }, file),
    async applySelfAssessment(
      surveyId: string,
      version: number,
      file: File,
    ): Promise<SelfAssessmentApplied['current']> {
      const reply = await upload<SelfAssessmentApplied>('self-assessment/apply', 201, { surveyId, version }, file)
      return reply.current
    },

    adjustments: (surveyId: string, version: number) =>
      http<AdjustmentsState>('GET', `/api/adjustments?${q({ surveyId, version })}`),
    previewAdjustments: (surveyId: string, version: number, file: File) =>
      upload<AdjustmentsPreview>('adjustments/preview', 200, { surveyId, version }, file),
    applyAdjustments: (surveyId: string, version: number, file: File) =>
      upload<AdjustmentsApplied>('adjustments/apply', 201, { surveyId, version }, file),
    register: (surveyId: string) => http<RegisterList>('GET', `/api/respondents/${encodeURIComponent(surveyId)}`),
    /** Checks a register file; `apply` imports it (refused with the preview while a row has an error). */
    async importRegister(surveyId: string, file: File, apply: boolean): Promise<RegisterPreview | RegisterApplied> {
      const step = apply ? `apply?${q({ fileName: file.name })}` : 'preview'
      const { status, json } = await send(
        `/api/respondents/${encodeURIComponent(surveyId)}/${step}`,
        file,
        fileType(file),
      )
      if (status === 422 && json.preview) return (json as RegisterRefusal).preview
      if (status !== (apply ? 201 : 200)) throw errorOf(status, json)
      return json as RegisterPreview | RegisterApplied
    },

    users: () => http<AccountList>('GET', '/api/users'),
    createUser: (input: AccountInput) => http<PasswordOutcome>('POST', '/api/users', input),
    updateUser: (username: string, fields: AccountUpdate) =>
      http<AccountReply>('PATCH', `/api/users/${encodeURIComponent(username)}`, fields),
    setUserDisabled: (username: string, disabled: boolean) =>
      http<AccountReply>('POST', `/api/users/${encodeURIComponent(username)}/${disabled ? 'disable' : 'enable'}`, {}),
    resetPassword: (username: string) =>
      http<PasswordOutcome>('POST', `/api/users/${encodeURIComponent(username)}/password`, {}),

    publishedSurveys: () => http<SurveyList>('GET', '/api/surveys'),
    surveyDefinition: (id: string, version: number) =>
      http<Survey>('GET', `/api/surveys/${encodeURIComponent(id)}/versions/${version}`),
    setRound: (surveyId: string, round: SurveyRound) =>
      http<RoundReply>('PUT', `/api/surveys/${encodeURIComponent(surveyId)}/round`, round),
    /** A YAML or JSON survey file or an XLSX workbook, checked only (`dryRun`) or published. */
    async uploadSurvey(file: File, dryRun: boolean): Promise<SurveyUpload> {
      const { status, json } = await send(`/api/surveys${dryRun ? '?dryRun=1' : ''}`, file, surveyFileType(file))
      if (status === 422 && Array.isArray(json.issues)) {
        return { ok: false, message: errorOf(status, json).message, issues: (json as SurveyRefusal).issues }
      }
      if (status !== 200 && status !== 201) throw errorOf(status, json)
      return { ok: true, ...(json as SurveyPublishReply) }
    },

    codeBatches: (surveyId: string, version: number) =>
      http<CodeBatchList>('GET', `/api/codes/batches?${q({ surveyId, version })}`),
    createBatch: (input: CodeBatchRequest) => http<BatchWithCodes>('POST', '/api/codes/batches', input),
    batch: (id: number) => http<BatchWithCodes>('GET', `/api/codes/batches/${id}`),

    audit: (before?: number, limit = 50) => http<AuditPage>('GET', `/api/audit?${q({ before, limit })}`),
  }
}
export type AdminApi = ReturnType<typeof createAdminApi>

/** Links the browser opens itself (downloads and printable pages). */
export const adminLinks = {
  batchCsv: (id: number) => `/api/codes/batches/${id}.csv`,
  batchSlips: (id: number) => `/api/codes/batches/${id}/slips`,
  backup: '/api/backup',
  /** Blank paper forms of a survey version: the print page (HTML) or a PDF; blanks are left out. */
  paper: (id: string, version: number, params: Record<string, string | number | null>) => {
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(params)) if (value !== null && value !== '') query.set(key, String(value))
    const text = query.toString()
    return `/api/surveys/${encodeURIComponent(id)}/versions/${version}/paper${text ? `?${text}` : ''}`
  },
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The content type to send a chosen file with (browsers leave it empty for some CSV files). */
/** The Content-Type `POST /api/surveys` reads a survey file by. */
export function surveyFileType(file: { name: string; type: string }): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE
  return /\.json$/i.test(file.name) ? 'application/json' : 'application/yaml'
}

export function fileType(file: { name: string; type: string }): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE
  if (/\.csv$/i.test(file.name)) return 'text/csv'
  return file.type || 'application/octet-stream'
}

let shared: AdminApi | undefined
/** The admin API over the page's own fetch, made on first use. */
export function useAdminApi(): AdminApi {
  shared ??= createAdminApi({ fetch: (input, init) => globalThis.fetch(input, init), locale: currentLocale })
  return shared
}
