import type { Generated } from 'kysely'

/**
 * The tables the async storage boundary reads and writes, typed for Kysely. Grows table by
 * table as services move onto the boundary (docs/storage.md); the SQL migrations stay the
 * source of the schema, and storage/schema.test.ts keeps both engines' columns equal.
 */
export interface StorageSchema {
  responses: ResponsesTable
  conflicts: ConflictsTable
  surveys: SurveysTable
  users: UsersTable
  response_id_folds: ResponseIdFoldsTable
  rate_limit_windows: RateLimitWindowsTable
  login_known_ips: LoginKnownIpsTable
  sessions: SessionsTable
  code_batches: CodeBatchesTable
  access_codes: AccessCodesTable
  user_units: UserUnitsTable
  audit_log: AuditLogTable
}

export interface SessionsTable {
  token_hash: string
  user_id: number
  created_at: string
  expires_at: string
}

export interface CodeBatchesTable {
  id: Generated<number>
  survey_id: string
  survey_version: number
  unit_id: string
  group_id: string
  location_id: string | null
  count: number
  note: string | null
  expires_at: string | null
  created_at: string
  created_by: number | null
}

export interface AccessCodesTable {
  id: Generated<number>
  batch_id: number
  code_hash: string
  code_sealed: string
  used_at: string | null
  response_id: string | null
}

export interface UserUnitsTable {
  user_id: number
  unit_id: string
}

export interface AuditLogTable {
  seq: Generated<number>
  at: string
  user_id: number | null
  action: string
  target: string | null
  before: string | null
  after: string | null
}

/** Failed attempts per kind × key × fixed window (migration 090, storage/rate-limit-store.ts). */
export interface RateLimitWindowsTable {
  kind: string
  key: string
  window_start: number
  count: number
}

export interface LoginKnownIpsTable {
  account: string
  ip: string
  last_success_at: number
}

export interface ResponseIdFoldsTable {
  folded: string
  id: string
}

export interface ResponsesTable {
  id: string
  survey_id: string
  survey_version: number
  unit_id: string
  group_id: string
  location_id: string | null
  channel: string
  body: string
  hash: string
  received_at: string
  received_by: number | null
}

export interface ConflictsTable {
  seq: Generated<number>
  response_id: string
  body: string
  hash: string
  received_at: string
  received_by: number | null
}

export interface SurveysTable {
  id: string
  version: number
  definition: string
  hash: string
  published_at: string
  published_by: number | null
}

export interface UsersTable {
  id: Generated<number>
  username: string
  password_hash: string
  role: 'admin' | 'analyst' | 'supervisor' | 'surveyor'
  all_units: number
  disabled_at: string | null
  created_at: string
  last_login_at: string | null
}
