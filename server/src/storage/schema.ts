import type { Generated } from 'kysely'
import type { RegisterTables } from './register-schema.ts'

/**
 * The tables the async storage boundary reads and writes, typed for Kysely. Grows table by
 * table as services move onto the boundary (docs/storage.md); the SQL migrations stay the
 * source of the schema, and storage/schema.test.ts keeps both engines' columns equal.
 */
export interface StorageSchema extends RegisterTables {
  responses: ResponsesTable
  conflicts: ConflictsTable
  surveys: SurveysTable
  survey_rounds: SurveyRoundsTable
  survey_double_entry: SurveyDoubleEntryTable
  paper_forms: PaperFormsTable
  paper_keyings: PaperKeyingsTable
  users: UsersTable
  response_id_folds: ResponseIdFoldsTable
  rate_limit_windows: RateLimitWindowsTable
  login_known_ips: LoginKnownIpsTable
  sessions: SessionsTable
  code_batches: CodeBatchesTable
  access_codes: AccessCodesTable
  user_units: UserUnitsTable
  audit_log: AuditLogTable
  response_voids: ResponseVoidsTable
  response_corrections: ResponseCorrectionsTable
  agg_cells: AggCellsTable
  agg_options: AggOptionsTable
  agg_tallies: AggTalliesTable
  agg_progress: AggProgressTable
  aggregate_watermark: AggregateWatermarkTable
  score_inputs_generation: ScoreInputsGenerationTable
  conflict_resolutions: ConflictResolutionsTable
  self_assessment_sets: ScoreInputSetsTable
  self_assessment_values: SelfAssessmentValuesTable
  self_assessment_domain_values: SelfAssessmentDomainValuesTable
  adjustment_sets: ScoreInputSetsTable
  adjustment_rows: AdjustmentRowsTable
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

/** The key every aggregate row starts with: one survey version. */
interface VersionKey {
  survey_id: string
  survey_version: number
}

export interface AggCellsTable extends VersionKey {
  unit_id: string
  group_id: string
  question_id: string
  count: number
  sum: number
  sum_sq: number
  dont_know: number
}

export interface AggOptionsTable extends VersionKey {
  unit_id: string
  group_id: string
  question_id: string
  value: string
  count: number
}

export interface AggTalliesTable extends VersionKey {
  unit_id: string
  group_id: string
  /** '' for a response without a location (a primary key column cannot be NULL). */
  location_id: string
  responses: number
}

export interface AggProgressTable extends VersionKey {
  unit_id: string
  /** 0 for a response sent without an account. */
  received_by: number
  day: string
  responses: number
}

/** One row (id 1): every response up to `folded_through` (SQLite rowid, PostgreSQL seq) is in the aggregates. */
export interface AggregateWatermarkTable {
  id: number
  folded_through: number
}

export interface ResponseVoidsTable {
  seq: Generated<number>
  response_id: string
  action: 'void' | 'restore'
  reason: string
  at: string
  user_id: number | null
}

export interface ResponseCorrectionsTable {
  seq: Generated<number>
  response_id: string
  conflict_seq: number | null
  body: string
  hash: string
  reason: string
  at: string
  user_id: number | null
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

export interface SurveyRoundsTable {
  survey_id: string
  opens: string
  closes: string
  set_at: string
  set_by: number | null
}

export interface SurveyDoubleEntryTable {
  survey_id: string
  enabled: number
  set_at: string
  set_by: number | null
}

export interface PaperFormsTable {
  id: Generated<number>
  survey_id: string
  serial_key: string
  state: 'awaiting' | 'matched' | 'conflict' | 'resolved'
  counted_id: string | null
  updated_at: string
}

export interface PaperKeyingsTable {
  response_id: string
  form_id: number
  keying: number
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

/** One row (id 1), bumped by every transaction that writes a score input (storage/score-inputs.ts). */
export interface ScoreInputsGenerationTable {
  id: number
  generation: number
}

export interface ConflictResolutionsTable {
  conflict_seq: number
  action: 'keep-original' | 'accept-new'
  reason: string
  at: string
  user_id: number | null
}

/** One import of a score input (migrations 004, 070): `self_assessment_sets` and `adjustment_sets` alike. */
export interface ScoreInputSetsTable extends VersionKey {
  id: Generated<number>
  set_version: number
  applied_at: string
  applied_by: number | null
  source: string
}

export interface SelfAssessmentValuesTable {
  set_id: number
  unit_id: string
  points: number
}

export interface SelfAssessmentDomainValuesTable {
  set_id: number
  unit_id: string
  criterion_id: string
  points: number
}

export interface AdjustmentRowsTable {
  set_id: number
  line: number
  unit_id: string
  points: number
  reason: string
}
