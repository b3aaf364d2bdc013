/** Wire shape of `GET /api/audit?before=&limit=` (admins): the audit log, newest first. */

/**
 * Every action the server writes to the audit log (kebab-case verb phrases). The server can record
 * only these, and the audit log view has words for each of them in both languages.
 */
export const AUDIT_ACTIONS = [
  'user-create',
  'user-update',
  'user-disable',
  'user-enable',
  'user-reset-password',
  'cli-user-create',
  'cli-user-update',
  'cli-user-disable',
  'cli-user-enable',
  'cli-user-reset-password',
  'survey-publish',
  'survey-round-set',
  'survey-double-entry-set',
  'self-assessment-apply',
  'adjustments-apply',
  'code-batch-create',
  'code-batch-reveal',
  'response-void',
  'response-restore',
  'conflict-keep-original',
  'conflict-accept-new',
  'paper-form-resolve',
  'register-import',
  'invitation-text-change',
  'invitation-sent',
  'invitation-bounced',
  'invitation-failed',
  'invitation-handed-over',
  'database-backup',
  'aggregates-rebuild',
  'export-download',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** One audited action, with the state before and after as the action recorded it. */
export type AuditEntry = {
  seq: number
  at: string
  userId: number | null
  username: string | null
  /** An `AuditAction`; entries written by older releases may carry others. */
  action: string
  target: string | null
  before: unknown
  after: unknown
}

/** A page of the log; `next` is the `before` of the next page, null on the last. */
export type AuditPage = { entries: AuditEntry[]; next: number | null }
