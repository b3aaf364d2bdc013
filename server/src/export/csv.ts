/** A cell of an exported table: text, a number, or empty. */
export type Cell = string | number | null

/** Spreadsheet programs open a CSV as UTF-8 only when it starts with a byte-order mark. */
export const CSV_BOM = '\uFEFF'

/** Characters that make a spreadsheet read a text cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A formula character where a spreadsheet may start a new cell inside our text: after a `;` or a
 * line break. Excel splits a CSV on the list separator of the computer's region, and in Vietnam
 * (as wherever the decimal separator is a comma) that is `;`, not our `,`; our quotes do not
 * help then, since a quote only counts at the start of a field as that Excel splits it.
 */
const FORMULA_INSIDE = /([;\r\n])(?=[=+\-@\t])/g

/**
 * Text that a spreadsheet would run as a formula, neutralised with an apostrophe before each
 * place a cell could start with one: `=HYPERLINK(…)` → `'=HYPERLINK(…)`, `a;=1+2;b` →
 * `a;'=1+2;b`. A prefix rather than quoting, because quoting protects only when the reader
 * splits on our separator. Numbers are never touched (a negative number stays one).
 */
export function neutraliseFormula(text: string): string {
  const inside = text.replace(FORMULA_INSIDE, "$1'")
  return FORMULA_START.test(inside) ? `'${inside}` : inside
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
