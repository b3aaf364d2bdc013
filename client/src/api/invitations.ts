import type {
  InvitationKind,
  InvitationManualChannel,
  InvitationMessageList,
  InvitationOverview,
  InvitationSendOutcome,
  InvitationsMarked,
  InvitationText,
  InvitationTextReply,
} from '@parsurvey/shared'
import { currentLocale } from '../i18n/index.ts'
import { createHttp, type FetchFn, type Http } from './http.ts'

export type {
  InvitationEntry,
  InvitationKind,
  InvitationManualChannel,
  InvitationMessage,
  InvitationOverview,
  InvitationRate,
  InvitationSendOutcome,
  InvitationText,
} from '@parsurvey/shared'

/** Sending, tracking and reminding for a survey's register (`/api/invitations/<surveyId>`, admins only). */
export function createInvitationsApi({ fetch, locale }: { fetch: FetchFn; locale: () => string }) {
  const http: Http = createHttp({ fetch, locale })
  const base = (surveyId: string) => `/api/invitations/${encodeURIComponent(surveyId)}`
  return {
    overview: (surveyId: string) => http<InvitationOverview>('GET', base(surveyId)),
    messages: (surveyId: string) => http<InvitationMessageList>('GET', `${base(surveyId)}/messages`),
    saveText: (surveyId: string, kind: InvitationKind, text: InvitationText) =>
      http<InvitationTextReply>('PUT', `${base(surveyId)}/texts/${kind}`, text),
    send: (surveyId: string, kind: InvitationKind, dryRun: boolean) =>
      http<InvitationSendOutcome>('POST', `${base(surveyId)}/send`, { kind, dryRun }),
    mark: (surveyId: string, channel: InvitationManualChannel, ids: number[]) =>
      http<InvitationsMarked>('POST', `${base(surveyId)}/mark`, { channel, ids }),
    csvLink: (surveyId: string) => `${base(surveyId)}/invitations.csv`,
  }
}
export type InvitationsApi = ReturnType<typeof createInvitationsApi>

let shared: InvitationsApi | undefined
/** The invitations API over the page's own fetch, made on first use. */
export function useInvitationsApi(): InvitationsApi {
  shared ??= createInvitationsApi({ fetch: (input, init) => globalThis.fetch(input, init), locale: currentLocale })
  return shared
}
