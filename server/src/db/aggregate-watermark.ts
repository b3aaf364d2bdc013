import type { DB } from './connection.ts'

/** A stored response as the fold reads it: its original body (corrections are deltas of their own). */
export type UnfoldedResponse = {
  rowid: number
  surveyId: string
  surveyVersion: number
  receivedBy: number | null
  body: string
}

/**
 * How far the aggregate tables have folded in the stored responses (migration 006): every
 * response with a rowid up to `folded()` is counted in them, none after.
 */
export function aggregateWatermarkRepository(db: DB) {
  const folded = db.prepare<[], number>('SELECT folded_through FROM aggregate_watermark WHERE id = 1').pluck()
  const setFolded = db.prepare<[number]>('UPDATE aggregate_watermark SET folded_through = ? WHERE id = 1')
  const lastRowid = db.prepare<[], number>('SELECT COALESCE(MAX(rowid), 0) FROM responses').pluck()
  const countBetween = db
    .prepare<[number, number], number>('SELECT COUNT(*) FROM responses WHERE rowid > ? AND rowid <= ?')
    .pluck()
  const after = db.prepare<[number], UnfoldedResponse>(
    `SELECT rowid, survey_id AS surveyId, survey_version AS surveyVersion, received_by AS receivedBy, body
     FROM responses WHERE rowid > ? ORDER BY rowid`,
  )

  return {
    folded: (): number => folded.get() ?? 0,
    setFolded: (rowid: number): void => void setFolded.run(rowid),
    /** The rowid of the newest stored response (0 when there is none). */
    lastRowid: (): number => lastRowid.get() ?? 0,
    /** How many responses have a rowid in (after, through]. */
    countBetween: (after: number, through: number): number => countBetween.get(after, through) ?? 0,
    /** The responses stored after `rowid`, oldest first, one at a time. */
    after: (rowid: number): IterableIterator<UnfoldedResponse> => after.iterate(rowid),
  }
}
export type AggregateWatermarkRepository = ReturnType<typeof aggregateWatermarkRepository>
