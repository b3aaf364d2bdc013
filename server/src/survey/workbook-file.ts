import { formatMessage, surveyToSheets, type CellValue, type Sheet, type Survey } from '@parsurvey/shared'
import ExcelJS from 'exceljs'
import { loadWorkbook } from '../uploads/xlsx.ts'
import type { ZipLimits } from '../uploads/zip.ts'

/** Lines of the "Hướng dẫn" sheet (catalogue keys `xlsform-guide-…`). */
const GUIDE = ['title', 'sheets', 'types', 'logic', 'scoring', 'check'].map((k) => `xlsform-guide-${k}`)
const GUIDE_SHEET = 'Hướng dẫn'

/**
 * A survey as an XLSX workbook (XLSForm layout, shared/src/xlsform): a short guide first, then
 * one sheet per part with a bold frozen header and columns wide enough to read in LibreOffice
 * or Excel.
 */
export async function writeSurveyWorkbook(survey: Survey): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const guide = workbook.addWorksheet(GUIDE_SHEET)
  guide.getColumn(1).width = 110
  for (const key of GUIDE) guide.addRow([formatMessage(key, {}, 'vi')]).alignment = { wrapText: true, vertical: 'top' }
  guide.getRow(1).font = { bold: true, size: 14 }
  for (const sheet of surveyToSheets(survey)) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.addRow(sheet.columns).font = { bold: true }
    for (const row of sheet.rows) ws.addRow(row)
    sheet.columns.forEach((header, i) => {
      const longest = Math.max(header.length, ...sheet.rows.map((r) => String(r[i] ?? '').length))
      ws.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2))
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Most rows or columns a survey sheet may have: far above any questionnaire, far below a bomb. */
export const WORKBOOK_LIMITS = { rows: 5000, columns: 60, sheets: 30 } as const

/** What an uploaded survey workbook may unpack to (the guarded reader of server/src/uploads). */
const WORKBOOK_ZIP_LIMITS: ZipLimits = { inflatedBytes: 20 * 1024 * 1024, entries: 200, ratio: 200 }

export type WorkbookProblem = { code: string; params: Record<string, string | number> }

/**
 * The sheets of an uploaded workbook as plain cells, after checking what the ZIP unpacks to
 * (exceljs loads every part into memory). Sheets named like ours are read; others (the guide,
 * an author's notes) are ignored.
 */
export async function readSurveyWorkbook(bytes: Uint8Array): Promise<Sheet[] | WorkbookProblem> {
  const loaded = await loadWorkbook(bytes, WORKBOOK_ZIP_LIMITS)
  if (!loaded.ok)
    return loaded.reason === 'unzipped-too-large'
      ? { code: 'xlsform-too-large', params: { limit: `${WORKBOOK_ZIP_LIMITS.inflatedBytes / 1024 / 1024} MB` } }
      : { code: 'xlsform-unreadable', params: {} }
  const workbook = loaded.workbook
  if (workbook.worksheets.length > WORKBOOK_LIMITS.sheets)
    return { code: 'xlsform-too-many', params: { max: WORKBOOK_LIMITS.rows } }
  const sheets: Sheet[] = []
  for (const ws of workbook.worksheets) {
    if (ws.name === GUIDE_SHEET) continue
    if (ws.actualRowCount > WORKBOOK_LIMITS.rows || ws.actualColumnCount > WORKBOOK_LIMITS.columns)
      return { code: 'xlsform-too-many', params: { max: WORKBOOK_LIMITS.rows } }
    const rows: CellValue[][] = []
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: CellValue[] = []
      for (let col = 1; col <= Math.min(row.cellCount, WORKBOOK_LIMITS.columns); col++)
        cells.push(cellOf(row.getCell(col).value))
      rows[n - 1] = cells
    })
    const [header = [], ...data] = Array.from(rows, (r) => r ?? [])
    sheets.push({ name: ws.name, columns: header.map((c) => String(c ?? '').trim()), rows: data })
  }
  return sheets
}

/** A cell as text, number or yes/no; a formula counts as its saved result, a date as YYYY-MM-DD. */
function cellOf(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result
    return result === undefined || result === null || typeof result === 'object'
      ? result instanceof Date
        ? result.toISOString().slice(0, 10)
        : null
      : result
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('text' in value) return String(value.text)
  return null
}
