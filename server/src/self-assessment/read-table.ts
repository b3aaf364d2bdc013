import { readTable, type RawTable, type TableLimits } from '../uploads/table.ts'

export type { RawCell, RawRow, RawTable } from '../uploads/table.ts'

/** A file-level problem that stops reading (the code is a catalogue key). */
export type TableProblem = { code: string; params: Record<string, string | number> }

/**
 * What a self-assessment file may hold. A province has a few hundred units, the whole country
 * about 700 districts: beyond 5,000 rows the file is not a self-assessment sheet (and a
 * row-by-row preview of it would be an answer of tens of megabytes). A real sheet unpacks to well
 * under 1 MB; 5 MB leaves room for a workbook with other sheets while bounding what exceljs
 * builds in memory: a workbook of 9 MB inflated took the server from 96 to 251 MB RSS and 13 s.
 */
export const IMPORT_LIMITS = {
  rows: 5000,
  columns: 100,
  zip: { inflatedBytes: 5 * 1024 * 1024, entries: 200, ratio: 200 },
} as const satisfies TableLimits

/**
 * Reads a score-input CSV or XLSX (uploads/table.ts: self-assessment or adjustments, which share
 * the limits), its problems worded for this upload (`<kind>-<problem>` catalogue codes).
 */
export async function readScoreInputTable(
  bytes: Uint8Array,
  contentType: string | undefined,
  kind: 'self-assessment' | 'adjustments' = 'self-assessment',
): Promise<RawTable | TableProblem> {
  const table = await readTable(bytes, contentType, IMPORT_LIMITS)
  return 'problem' in table ? { code: `${kind}-${table.problem}`, params: table.params } : table
}
