import type { AnswerValue, Response } from '../response/schema.ts'

/**
 * Wire shapes of `GET /api/quality` (the server computes them, the review pages read them).
 * The rules and thresholds are documented in server/src/quality/quality.ts.
 */
export const FLAG_KINDS = [
  'straight-lining',
  'fast-interview',
  'surveyor-outlier',
  'duplicate-serial',
  'pending-conflict',
  'outside-round',
  'future-time',
  'before-publication',
  'submitted-before-started',
] as const
export type FlagKind = (typeof FLAG_KINDS)[number]

export type Voided = { at: string; by: string | null; reason: string }

export type QualityFlag = {
  kind: FlagKind
  /** Stable within a report, for the page's expand state. */
  key: string
  unitId: string | null
  groupId: string | null
  surveyor: string | null
  responseIds: string[]
  reason: string
  params: Record<string, string | number>
  open: boolean
  /** For `pending-conflict`: the resend waiting for review (a validated response). */
  conflict?: { seq: number; receivedAt: string; receivedBy: string | null; proposed: Response }
}

export type FlaggedResponse = {
  id: string
  unitId: string
  groupId: string
  locationId: string | null
  channel: string
  surveyor: string | null
  startedAt: string
  submittedAt: string
  receivedAt: string
  paperSerial: string | null
  answers: Record<string, AnswerValue>
  voided: Voided | null
  corrected: boolean
}

export type QualityReport = {
  surveyId: string
  surveyVersion: number
  responsesRead: number
  /** The rules' parameters, shown to reviewers beside each flag. */
  thresholds: Record<string, Record<string, number>>
  counts: Record<FlagKind, { flags: number; open: number }>
  flags: QualityFlag[]
  responses: Record<string, FlaggedResponse>
}
