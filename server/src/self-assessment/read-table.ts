import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { checkZipBudget, XLSX_LIMITS } from './zip-budget.ts'

/** A cell as read from the file: text, a number (XLSX), or a formula saved without its result. */
export type RawCell = string | number | { formula: string }

export type RawRow = { line: number; cells: RawCell[] }

/** A file-level problem that stops reading (the code is a catalogue key). */
export type TableProblem = { code: string; params: Record<string, string | number> }

export type RawTable = { format: 'csv' | 'xlsx'; header: string[]; rows: RawRow[] }

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Largest table read: a province has a few hundred units, the whole country about 700 districts.
 * Beyond this the file is not a self-assessment sheet, and a row-by-row preview of it would be
 * an answer of tens of megabytes.
 */
export const IMPORT_LIMITS = { rows: 5000, columns: 100 } as const

/** True for an XLSX upload: by its Content-Type, or by the ZIP signature an XLSX file starts with. */
export function isXlsx(bytes: Uint8Array, contentType: string | undefined): boolean {
  if ((contentType ?? '').split(';')[0]!.trim().toLowerCase() === XLSX_TYPE) return true
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/** Reads the first sheet of an XLSX file or a CSV file into a header and data rows. */
export async function readTable(bytes: Uint8Array, contentType: string | undefined): Promise<RawTable | TableProblem> {
  const table = isXlsx(bytes, contentType) ? await readXlsx(bytes) : readCsv(bytes)
  if ('code' in table) return table
  if (table.rows.length > IMPORT_LIMITS.rows)
    return { code: 'self-assessment-too-many-rows', params: { max: IMPORT_LIMITS.rows } }
  return table
}

/**
 * CSV in UTF-8 (with or without BOM). The separator is taken from the header line: ";" (what
 * Excel writes where the decimal separator is a comma, as in Vietnam), a tab, or ",".
 */
function readCsv(bytes: Uint8Array): RawTable | TableProblem {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { code: 'self-assessment-not-utf8', params: {} }
  }
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? ''
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ','
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as typeof records
  } catch (error) {
    return {
      code: 'self-assessment-unreadable',
      params: { detail: error instanceof Error ? error.message : String(error) },
    }
  }
  const [header, ...rows] = records
  if (!header) return { code: 'self-assessment-empty', params: {} }
  return {
    format: 'csv',
    header: header.record,
    rows: rows.map(({ record, info }) => ({ line: info.lines, cells: record })),
  }
}

async function readXlsx(bytes: Uint8Array): Promise<RawTable | TableProblem> {
  // exceljs unpacks everything into memory: check what the ZIP unpacks to first. A ZIP the
  // check cannot follow goes on to exceljs, whose error message says what is wrong with it.
  const zip = checkZipBudget(bytes)
  if (!zip.ok && zip.reason === 'unzipped-too-large') {
    return {
      code: 'self-assessment-unzipped-too-large',
      params: { limit: `${XLSX_LIMITS.unzippedBytes / 1024 / 1024} MB` },
    }
  }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch (error) {
    return {
      code: 'self-assessment-unreadable',
      params: { detail: error instanceof Error ? error.message : String(error) },
    }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { code: 'self-assessment-no-sheet', params: {} }
  const rows: RawRow[] = []
  let header: string[] | undefined
  if (sheet.actualRowCount > IMPORT_LIMITS.rows + 1)
    return { code: 'self-assessment-too-many-rows', params: { max: IMPORT_LIMITS.rows } }
  let tooWide = false
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (tooWide || row.cellCount > IMPORT_LIMITS.columns) {
      tooWide = true
      return
    }
    const cells: RawCell[] = []
    for (let col = 1; col <= row.cellCount; col++) cells.push(cellOf(row.getCell(col).value))
    if (cells.every((cell) => cell === '')) return
    if (header === undefined) header = cells.map((cell) => (typeof cell === 'object' ? '' : String(cell).trim()))
    else rows.push({ line, cells })
  })
  if (tooWide) return { code: 'self-assessment-too-many-columns', params: { max: IMPORT_LIMITS.columns } }
  if (header === undefined) return { code: 'self-assessment-empty', params: {} }
  return { format: 'xlsx', header, rows }
}

/** One XLSX cell value as text or number; a formula counts as its cached result. */
function cellOf(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return value
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'boolean' || value instanceof Date) return String(value)
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result
    if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date))) {
      return { formula: ('formula' in value ? value.formula : value.sharedFormula) ?? '' }
    }
    return typeof result === 'number' ? result : String(result).trim()
  }
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim()
  if ('text' in value) return String(value.text).trim()
  return ''
}
