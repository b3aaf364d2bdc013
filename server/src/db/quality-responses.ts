import type { DB } from './connection.ts'

/** One response of a survey version as the data-quality review reads it (effective content). */
export type QualityRow = {
  id: string
  unitId: string
  groupId: string
  receivedAt: string
  /** Username of the account that sent it (the surveyor); null for online answers by access code. */
  surveyor: string | null
  /** The effective body: the latest accepted correction, else the stored body. */
  body: string
  voided: boolean
}

type Row = Omit<QualityRow, 'voided'> & { voided: number }

/**
 * Every response of a survey version in storage order, one row at a time, voided ones included
 * (marked), so the review can show them and offer to restore them.
 */
export function qualityRows(
  db: DB,
  filter: { surveyId: string; surveyVersion: number; units: string[] | 'all' },
): IterableIterator<QualityRow> {
  const stmt = db.prepare<Record<string, unknown>, Row>(
    `SELECT r.id, r.unit_id AS unitId, r.group_id AS groupId, r.received_at AS receivedAt, u.username AS surveyor,
       COALESCE(c.body, r.body) AS body,
       COALESCE((SELECT action FROM response_voids WHERE response_id = r.id ORDER BY seq DESC LIMIT 1), 'restore') = 'void' AS voided
     FROM responses r
     LEFT JOIN users u ON u.id = r.received_by
     LEFT JOIN response_corrections c ON c.seq = (SELECT MAX(seq) FROM response_corrections WHERE response_id = r.id)
     WHERE r.survey_id = @surveyId AND r.survey_version = @surveyVersion
       AND (@units IS NULL OR r.unit_id IN (SELECT value FROM json_each(@units)))
     ORDER BY r.rowid`,
  )
  const rows = stmt.iterate({
    surveyId: filter.surveyId,
    surveyVersion: filter.surveyVersion,
    units: filter.units === 'all' ? null : JSON.stringify(filter.units),
  })
  return (function* () {
    for (const row of rows) yield { ...row, voided: row.voided === 1 }
  })()
}
