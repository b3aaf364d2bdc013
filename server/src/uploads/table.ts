import { parse } from 'csv-parse/sync'
import type ExcelJS from 'exceljs'
import { isXlsx, loadWorkbook } from './xlsx.ts'
import type { ZipLimits } from './zip.ts'

/** A cell as read from the file: text, a number (XLSX), or a formula saved without its result. */
export type RawCell = string | number | { formula: string }

export type RawRow = { line: number; cells: RawCell[] }

export type RawTable = { format: 'csv' | 'xlsx'; header: string[]; rows: RawRow[] }

/**
 * Why a table could not be read. Each upload kind words these for its users: the message code is
 * `<kind>-<problem>` (e.g. `self-assessment-damaged`), with `params` (`max`, `limit`, `detail`).
 */
export type TableProblemKind =
  | 'damaged'
  | 'unzipped-too-large'
  | 'too-many-rows'
  | 'too-many-columns'
  | 'empty'
  | 'no-sheet'
  | 'not-utf8'
  | 'unreadable'
export type TableProblem = { problem: TableProblemKind; params: Record<string, string | number> }

/** Limits of one upload kind: table size, and what its XLSX may unpack to. */
export type TableLimits = { rows: number; columns: number; zip: ZipLimits }

/** Reads the first sheet of an XLSX file, or a CSV file, into a header and data rows. */
export async function readTable(
  bytes: Uint8Array,
  contentType: string | undefined,
  limits: TableLimits,
): Promise<RawTable | TableProblem> {
  const table = isXlsx(bytes, contentType) ? await readXlsx(bytes, limits) : readCsv(bytes)
  if ('problem' in table) return table
  if (table.rows.length > limits.rows) return { problem: 'too-many-rows', params: { max: limits.rows } }
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
    return { problem: 'not-utf8', params: {} }
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
    return { problem: 'unreadable', params: { detail: error instanceof Error ? error.message : String(error) } }
  }
  const [header, ...rows] = records
  if (!header) return { problem: 'empty', params: {} }
  return {
    format: 'csv',
    header: header.record,
    rows: rows.map(({ record, info }) => ({ line: info.lines, cells: record })),
  }
}

async function readXlsx(bytes: Uint8Array, limits: TableLimits): Promise<RawTable | TableProblem> {
  const loaded = await loadWorkbook(bytes, limits.zip)
  if (!loaded.ok) {
    const limit = `${Math.round(limits.zip.inflatedBytes / 1024 / 1024)} MB`
    return { problem: loaded.reason, params: loaded.reason === 'unzipped-too-large' ? { limit } : {} }
  }
  const sheet = loaded.workbook.worksheets[0]
  if (!sheet) return { problem: 'no-sheet', params: {} }
  if (sheet.actualRowCount > limits.rows + 1) return { problem: 'too-many-rows', params: { max: limits.rows } }
  const rows: RawRow[] = []
  let header: string[] | undefined
  let tooWide = false
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (tooWide || row.cellCount > limits.columns) {
      tooWide = true
      return
    }
    const cells: RawCell[] = []
    for (let col = 1; col <= row.cellCount; col++) cells.push(cellOf(row.getCell(col).value))
    if (cells.every((cell) => cell === '')) return
    if (header === undefined) header = cells.map((cell) => (typeof cell === 'object' ? '' : String(cell).trim()))
    else rows.push({ line, cells })
  })
  if (tooWide) return { problem: 'too-many-columns', params: { max: limits.columns } }
  if (header === undefined) return { problem: 'empty', params: {} }
  return { format: 'xlsx', header, rows }
}

/** One XLSX cell value as text or number; a formula counts as its cached result. */
export function cellOf(value: ExcelJS.CellValue): RawCell {
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
