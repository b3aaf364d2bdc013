import ExcelJS from 'exceljs'
import { packZip, unpackZip, type ZipLimits, type ZipRefusal } from './zip.ts'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** True for an XLSX upload: by its Content-Type, or by the ZIP signature an XLSX file starts with. */
export function isXlsx(bytes: Uint8Array, contentType: string | undefined): boolean {
  if ((contentType ?? '').split(';')[0]!.trim().toLowerCase() === XLSX_TYPE) return true
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/**
 * Loads an uploaded XLSX workbook within `limits`, or refuses it. exceljs inflates every part
 * into memory (about 15 times the inflated XML once parsed), so it never sees the upload itself:
 * the upload is unpacked by unpackZip, within the limits, and exceljs reads a stored copy of
 * exactly those entries. A file the guard cannot read is refused, never handed to exceljs to
 * read its own way (a prepended-bytes ZIP used to pass like that).
 */
export async function loadWorkbook(
  bytes: Uint8Array,
  limits: ZipLimits,
): Promise<{ ok: true; workbook: ExcelJS.Workbook } | ZipRefusal> {
  const unpacked = await unpackZip(bytes, limits)
  if (!unpacked.ok) return unpacked
  const workbook = new ExcelJS.Workbook()
  try {
    const clean = await packZip(unpacked.entries)
    await workbook.xlsx.load(clean as unknown as ArrayBuffer)
  } catch {
    return { ok: false, reason: 'damaged' }
  }
  return { ok: true, workbook }
}
