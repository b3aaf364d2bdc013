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

/** A character after which a cell may start inside our text, or that makes a field need quotes. */
const SPECIAL = /[;\r\n",]/

/** Whether a text's first character starts a formula (FORMULA_START, without a regex). */
function startsFormula(text: string): boolean {
  const c = text.charCodeAt(0)
  // = + - @ \t \r
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13
}

/**
 * Text that a spreadsheet would run as a formula, neutralised with an apostrophe before each
 * place a cell could start with one: `=HYPERLINK(…)` → `'=HYPERLINK(…)`, `a;=1+2;b` →
 * `a;'=1+2;b`. A prefix rather than quoting, because quoting protects only when the reader
 * splits on our separator. Numbers are never touched (a negative number stays one).
 */
export function neutraliseFormula(text: string): string {
  // Most cells (ids, names, dates, codes) hold none of these: tested before anything is replaced.
  if (!SPECIAL.test(text)) return startsFormula(text) ? `'${text}` : text
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
  // No separator, quote or line break: nothing to quote, and a formula can only start the text.
  if (!SPECIAL.test(value)) return startsFormula(value) ? `'${value}` : value
  const safe = neutraliseFormula(value)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One CSV record with its CRLF line ending. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}
