import type { Generated } from 'kysely'

/** The respondent register's tables (migrations 051, 052, 055), part of storage/schema.ts. */
export interface RegisterTables {
  respondents: RespondentsTable
  respondent_units: RespondentUnitsTable
  sitting_drafts: SittingDraftsTable
  invitation_sends: InvitationSendsTable
  invitation_texts: InvitationTextsTable
}

export interface RespondentsTable {
  id: Generated<number>
  survey_id: string
  name: string
  position: string
  organisation: string
  group_id: string
  own_unit_id: string | null
  email: string | null
  phone: string | null
  code_hash: string
  code_sealed: string
  created_at: string
  updated_at: string
  opened_at: string | null
}

export interface RespondentUnitsTable {
  respondent_id: number
  unit_id: string
  /** 0 or 1: the unit's response was sent (never which response). */
  submitted: Generated<number>
}

export interface SittingDraftsTable {
  respondent_id: number
  unit_id: string
  answers: string
  updated_at: string
}

export interface InvitationSendsTable {
  id: Generated<number>
  respondent_id: number
  kind: string
  channel: string
  status: string
  error: string | null
  user_id: number | null
  claimed_at: string
  finished_at: string | null
}

export interface InvitationTextsTable {
  survey_id: string
  kind: string
  subject: string
  body: string
  updated_at: string
}
