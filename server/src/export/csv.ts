/** A cell of an exported table: text, a number, or empty. */
export type Cell = string | number | null

/** Spreadsheet programs open a CSV as UTF-8 only when it starts with a byte-order mark. */
export const CSV_BOM = '\uFEFF'

/** Characters that make a spreadsheet read a text cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Text that a spreadsheet would run as a formula, neutralised with a leading apostrophe:
 * `=HYPERLINK(…)` → `'=HYPERLINK(…)`. Numbers are never touched (a negative number stays one).
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** A number without exponent notation and with a dot: 1e-7 → "0.0000001". */
export function plainDecimal(value: number): string {
  const shortest = String(value)
  if (!/e/i.test(shortest)) return shortest
  const [mantissa = '0', exponent = '0'] = shortest.split(/e/i)
  const decimals = Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent))
  return value.toFixed(Math.min(100, decimals))
}

/** One CSV field: quoted when it holds a comma, quote or line break. */
export function csvCell(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? plainDecimal(value) : ''
  const safe = neutraliseFormula(value)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One CSV record with its CRLF line ending. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}
