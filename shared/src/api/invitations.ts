import type { InvitationKind, InvitationState, InvitationText } from '../register/invitation.ts'
import type { RegisterContact } from './register.ts'

/**
 * Wire shapes of sending, tracking and reminding (`/api/invitations/:surveyId`, admins only:
 * it names people). Analysts never get these; they see counts per unit and group in Progress.
 */

/** How a person was invited: by mail from the server, or by hand (a copied message, a letter, the CSV). */
export const INVITATION_CHANNELS = ['email', 'message', 'letter', 'csv'] as const
export type InvitationChannel = (typeof INVITATION_CHANNELS)[number]
/** The channels an office hands invitations over by, and marks so itself. */
export type InvitationManualChannel = Exclude<InvitationChannel, 'email'>

/** A person on the register with where they stand. */
export type InvitationEntry = RegisterContact & {
  /** Units sent / units to rate. */
  done: number
  total: number
  state: InvitationState
  /** First invitation that reached them (sent by mail, or marked as handed over), and how. */
  invitedAt: string | null
  invitedChannel: InvitationChannel | null
  /** Each channel the office marked as handed over (message, printed letter, CSV), first time each. */
  handedOver: { channel: InvitationManualChannel; at: string }[]
  /** Last reminder mailed. */
  remindedAt: string | null
  /**
   * The Vietnamese calendar day the personal link was first opened (YYYY-MM-DD), never a time: a time
   * beside the responses' own times would tell which answers a person gave (server/src/register/README.md).
   */
  openedOn: string | null
  /** Last refusal by the mail server, with its words, when no mail has gone through since. */
  bouncedAt: string | null
  bounceError: string | null
}

/** People and forms of one group or unit: the response rate is formsDone / forms. */
export type InvitationRate = {
  id: string
  people: number
  invited: number
  opened: number
  finished: number
  forms: number
  formsDone: number
}

/** A mail text as the app uses it: `custom` when an admin changed it (`PUT …/texts/<kind>` answers this). */
export type InvitationTextReply = InvitationText & { custom: boolean }

export type InvitationOverview = {
  surveyId: string
  /** Whether SMTP_URL is set; `from` is MAIL_FROM (never the password). */
  mail: { configured: boolean; from: string | null }
  /** The round's last day (dd/mm/yyyy), as `{deadline}` shows it; '' when the survey has no round. */
  deadline: string
  texts: Record<InvitationKind, InvitationTextReply>
  people: InvitationEntry[]
  byGroup: InvitationRate[]
  byUnit: InvitationRate[]
}

/** What one "send invitations" or "remind" did (or, with dryRun, would do). */
export type InvitationSendOutcome = {
  surveyId: string
  kind: InvitationKind
  dryRun: boolean
  /** People this send was for (claimed; with dryRun, who would be). */
  selected: number
  sent: number
  bounced: number
  failed: number
  /** People it would be for who have no e-mail address (reach them by the other channels). */
  noEmail: number
  failures: { respondentId: number; status: 'bounced' | 'failed'; error: string }[]
}

/** A ready message per person, for Zalo/SMS, the QR code, letters and the CSV. */
export type InvitationMessage = RegisterContact & {
  link: string
  code: string
  subject: string
  text: string
}

/** `GET /api/invitations/<surveyId>/messages` */
export type InvitationMessageList = { messages: InvitationMessage[] }

/** `POST /api/invitations/<surveyId>/mark`: how many people were newly marked as invited by hand. */
export type InvitationsMarked = { marked: number }
