import { readTable, type TableLimits } from '../uploads/table.ts'
import type { RegisterTable } from '@parsurvey/shared'

/**
 * What a register file may hold. A province invites a few hundred officials (about 1,600 forms
 * for departments, 4–18 per person); 5,000 rows leaves a wide margin. A real sheet unpacks to
 * well under 1 MB; 5 MB bounds what exceljs builds in memory (see uploads/README.md).
 */
export const REGISTER_LIMITS = {
  rows: 5000,
  columns: 50,
  zip: { inflatedBytes: 5 * 1024 * 1024, entries: 200, ratio: 200 },
} as const satisfies TableLimits

/** Largest register upload: a few hundred rows of text is tens of kilobytes. */
export const REGISTER_MAX_BYTES = 2 * 1024 * 1024

/** Reads a register CSV or XLSX through the guarded reader; its problems worded as `register-*`. */
export async function readRegisterTable(
  bytes: Uint8Array,
  contentType: string | undefined,
): Promise<RegisterTable | { code: string; params: Record<string, string | number> }> {
  const table = await readTable(bytes, contentType, REGISTER_LIMITS)
  return 'problem' in table ? { code: `register-${table.problem}`, params: table.params } : table
}
