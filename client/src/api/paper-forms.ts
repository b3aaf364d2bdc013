import type {
  DoubleEntryReply,
  PaperFormDetail,
  PaperFormPage,
  PaperFormResolveRequest,
  PaperFormState,
} from '@parsurvey/shared'
import { currentLocale } from '../i18n/index.ts'
import { createHttp, type FetchFn, type Http } from './http.ts'

export type {
  DoubleEntryReply,
  PaperFormDetail,
  PaperFormResolveRequest,
  PaperFormState,
  PaperFormSummary,
  PaperKeying,
} from '@parsurvey/shared'

/**
 * Double entry of paper forms (docs/paper-forms.md): the per-survey setting (admins set it) and the
 * forms a supervisor settles (`/api/review/paper-forms`, their units; analysts read).
 */
export function createPaperFormsApi({ fetch, locale }: { fetch: FetchFn; locale: () => string }) {
  const http: Http = createHttp({ fetch, locale })
  const setting = (surveyId: string) => `/api/surveys/${encodeURIComponent(surveyId)}/double-entry`
  return {
    doubleEntry: (surveyId: string) => http<DoubleEntryReply>('GET', setting(surveyId)),
    setDoubleEntry: (surveyId: string, enabled: boolean) =>
      http<DoubleEntryReply>('PUT', setting(surveyId), { enabled }),
    forms: (surveyId: string, state: PaperFormState | null) => {
      const query = new URLSearchParams({ surveyId })
      if (state) query.set('state', state)
      return http<PaperFormPage>('GET', `/api/review/paper-forms?${query.toString()}`)
    },
    form: (id: number) => http<PaperFormDetail>('GET', `/api/review/paper-forms/${id}`),
    resolve: (id: number, request: PaperFormResolveRequest) =>
      http<PaperFormDetail>('POST', `/api/review/paper-forms/${id}/resolve`, request),
  }
}
export type PaperFormsApi = ReturnType<typeof createPaperFormsApi>

let shared: PaperFormsApi | undefined
/** The paper-forms API over the page's own fetch, made on first use. */
export function usePaperFormsApi(): PaperFormsApi {
  shared ??= createPaperFormsApi({ fetch: (input, init) => globalThis.fetch(input, init), locale: currentLocale })
  return shared
}
