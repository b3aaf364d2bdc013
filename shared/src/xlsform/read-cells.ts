import { columnLetter, headerKey, type CellValue, type Sheet } from './sheets.ts'

/** A cell of the workbook: sheet, 1-based row as the spreadsheet shows it, column letter and header. */
export type CellPlace = { sheet: string; row: number; column?: string; header?: string }

/** One problem of a workbook, at its place; `code` is a catalogue key (`xlsform-…` or `survey-…`). */
export type WorkbookIssue = { place: CellPlace; code: string; params: Record<string, string | number> }

/**
 * Reads the rows of one sheet as records keyed by normalised header (`headerKey`), remembering
 * where each value came from, so a later problem can name its cell.
 */
export class SheetReader {
  readonly issues: WorkbookIssue[] = []
  private readonly index = new Map<string, number>()

  constructor(readonly sheet: Sheet) {
    sheet.columns.forEach((header, i) => {
      const key = headerKey(String(header ?? ''))
      if (key !== '' && !this.index.has(key)) this.index.set(key, i)
    })
  }

  has(key: string): boolean {
    return this.index.has(key)
  }

  /** Row numbers as the spreadsheet shows them (the header is row 1). */
  rows(): { row: number; cells: CellValue[] }[] {
    return this.sheet.rows
      .map((cells, i) => ({ row: i + 2, cells }))
      .filter(({ cells }) => cells.some((c) => c !== null && String(c).trim() !== ''))
  }

  place(row: number, key?: string): CellPlace {
    const i = key === undefined ? undefined : this.index.get(key)
    if (i === undefined) return { sheet: this.sheet.name, row }
    return { sheet: this.sheet.name, row, column: columnLetter(i), header: this.sheet.columns[i]! }
  }

  problem(row: number, key: string | undefined, code: string, params: WorkbookIssue['params'] = {}): void {
    this.issues.push({ place: this.place(row, key), code, params })
  }

  raw(cells: CellValue[], key: string): CellValue {
    const i = this.index.get(key)
    const value = i === undefined ? null : (cells[i] ?? null)
    return typeof value === 'string' && value.trim() === '' ? null : value
  }

  text(cells: CellValue[], key: string): string | undefined {
    const value = this.raw(cells, key)
    return value === null ? undefined : String(value).trim()
  }

  /** A number, also from a text of digits (a cell typed as text); an issue and undefined otherwise. */
  number(cells: CellValue[], row: number, key: string): number | undefined {
    const value = this.raw(cells, key)
    if (value === null) return undefined
    const n =
      typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim().replace(',', '.')) : NaN
    if (Number.isFinite(n)) return n
    this.problem(row, key, 'xlsform-not-a-number', { value: String(value) })
    return undefined
  }

  /** yes/no as XLSForm writes it (also true/false, 1/0, TRUE()); an issue and undefined otherwise. */
  flag(cells: CellValue[], row: number, key: string): boolean | undefined {
    const value = this.raw(cells, key)
    if (value === null) return undefined
    if (typeof value === 'boolean') return value
    const text = String(value).trim().toLowerCase()
    if (['yes', 'true', 'true()', '1', 'có'].includes(text)) return true
    if (['no', 'false', 'false()', '0', 'không'].includes(text)) return false
    this.problem(row, key, 'xlsform-not-yes-no', { value: String(value) })
    return undefined
  }

  /** A `{ vi, en }` label from `<name>::vi` / `<name>::en` (a plain `<name>` column is Vietnamese). */
  label(cells: CellValue[], name: string): { vi?: string; en?: string } | undefined {
    const vi = this.text(cells, `${name}::vi`) ?? this.text(cells, name)
    const en = this.text(cells, `${name}::en`)
    if (vi === undefined && en === undefined) return undefined
    return { ...(vi === undefined ? {} : { vi }), ...(en === undefined ? {} : { en }) }
  }
}
