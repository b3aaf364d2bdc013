/** Wire shape of `GET /api/audit?before=&limit=` (admins): the audit log, newest first. */

/** One audited action, with the state before and after as the action recorded it. */
export type AuditEntry = {
  seq: number
  at: string
  userId: number | null
  username: string | null
  action: string
  target: string | null
  before: unknown
  after: unknown
}

/** A page of the log; `next` is the `before` of the next page, null on the last. */
export type AuditPage = { entries: AuditEntry[]; next: number | null }
