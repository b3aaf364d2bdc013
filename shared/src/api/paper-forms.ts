import type { KeyingDifference } from '../response/double-entry.ts'
import type { Response } from '../response/schema.ts'

/**
 * Double entry of paper forms on the wire (docs/paper-forms.md). A form is every keying of one
 * paper serial (by `paperSerialKey`) in one survey:
 * - `awaiting`: keyed once, held until a second keying;
 * - `matched`: two keyings agreed, the first counts;
 * - `conflict`: the keyings differ, all held until a supervisor settles them or a further keying
 *   agrees with one of them;
 * - `resolved`: settled by a supervisor (answers picked per question) or by a third keying.
 * Only `matched` and `resolved` forms count in scores and progress.
 */
export type PaperFormState = 'awaiting' | 'matched' | 'conflict' | 'resolved'

/** Told in a sync receipt of a paper response in a survey with double entry. */
export type PaperEntryReceipt = { formId: number; state: PaperFormState; keying: number }

/** `PUT /api/surveys/:id/double-entry` body `{ enabled }` and reply; `GET` the same reply. */
export type DoubleEntryReply = { surveyId: string; enabled: boolean }

export type PaperKeying = {
  /** 1 for the first keying of the form, 2 for the second… */
  keying: number
  responseId: string
  receivedAt: string
  receivedBy: string | null
  response: Response
}

export type PaperFormSummary = {
  id: number
  surveyId: string
  serialKey: string
  unitId: string
  state: PaperFormState
  keyings: number
  updatedAt: string
}

/** `GET /api/review/paper-forms?surveyId=…&state=…` */
export type PaperFormPage = { forms: PaperFormSummary[] }

/** `GET /api/review/paper-forms/:id`: the keyings side by side and where they differ from the first. */
export type PaperFormDetail = PaperFormSummary & {
  keyingsDetail: PaperKeying[]
  /** Differences between the first keying and each later one, in keying order. */
  differences: { keying: number; differences: KeyingDifference[] }[]
  /** True when one account keyed the form more than once (the guide asks for two people). */
  sameKeyer: boolean
  /** The response that counts, once matched or resolved. */
  countedResponseId: string | null
}

/**
 * `POST /api/review/paper-forms/:id/resolve`: `base` is the keying whose header and answers are
 * kept, `picks` maps a question id to the keying (number) whose answer is taken instead.
 */
export type PaperFormResolveRequest = { base: number; picks?: Record<string, number>; reason: string }
