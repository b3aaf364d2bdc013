import type { Notice } from '../api/self-assessment.ts'
import { formatMessage, type Locale } from '../errors/messages/index.ts'
import type { Survey } from '../survey/schema.ts'

/** A cell as read from an uploaded file: text, a number (XLSX), or a formula saved without its result. */
export type InputCell = string | number | { formula: string }

/** A CSV or the first sheet of an XLSX: the header row and the data rows with their line numbers. */
export type InputTable = { format: 'csv' | 'xlsx'; header: string[]; rows: { line: number; cells: InputCell[] }[] }

/** A problem with the file as a whole, already named for the upload kind (a catalogue code). */
export type InputTableProblem = { code: string; params: Record<string, string | number> }

/** "76,5" and "76.5" are both 76.5; anything else that is not a plain decimal is refused. */
const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/

/** Column names are matched without case, spaces, "_" or "-": "unit_id" is "unitId". */
export const normaliseColumn = (name: string): string => name.toLowerCase().replace(/[\s_-]/g, '')

export function cellText(cell: InputCell | undefined): string {
  if (cell === undefined || typeof cell === 'object') return ''
  return String(cell).trim()
}

export function cellNumber(cell: InputCell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null
  if (typeof cell !== 'string' || !DECIMAL.test(cell.trim())) return null
  return Number(cell.trim().replace(',', '.'))
}

/** A number as the reader writes it: 70,5 in Vietnamese, 70.5 in English. */
export const localNumber = (value: number, locale: Locale): string =>
  locale === 'vi' ? String(value).replace('.', ',') : String(value)

/** A notice in the reader's language. */
export function noticeIn(locale: Locale) {
  return (code: string, params: Record<string, string | number> = {}): Notice => ({
    code,
    message: formatMessage(code, params, locale),
  })
}

/** What a number cell holds, or the code of why it holds no usable number. */
export function readNumberCell(
  table: InputTable,
  cells: InputCell[],
  column: number,
): { value: number } | { problem: 'extra-cells' | 'formula' | 'not-number'; raw: string } {
  const raw = cells[column]
  // Cells past the header's width mean the file's separators were misread: never guess a value.
  if (table.format === 'csv' && cells.length > table.header.length) return { problem: 'extra-cells', raw: '' }
  if (typeof raw === 'object') return { problem: 'formula', raw: raw.formula }
  const value = cellNumber(raw)
  return value === null ? { problem: 'not-number', raw: raw === undefined ? '' : String(raw) } : { value }
}

/**
 * What unit ids (and reasons) are compared by to catch near-duplicates: compatibility-normalised,
 * lower case, without diacritics (đ as d) and without any whitespace, zero-width ones included.
 * @example unitIdKey(' Huyện-A ') === unitIdKey('huyen-a')
 */
export function unitIdKey(id: string): string {
  return id
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u200b-\u200d\u2060\ufeff]/gu, '')
}

/**
 * The survey's unit a file's id cell names: `exact` when spelled as in the survey, `near` when it
 * differs only by case, whitespace or diacritics from exactly one unit (never taken silently: the
 * row is refused with the spelling to use), otherwise unknown.
 */
export function unitSpelling(survey: Survey): (id: string) => { exact: true } | { near: string } | null {
  const exact = new Set(survey.units.map((u) => u.id))
  const byKey = new Map<string, string[]>()
  for (const { id } of survey.units) byKey.set(unitIdKey(id), [...(byKey.get(unitIdKey(id)) ?? []), id])
  return (id) => {
    if (exact.has(id)) return { exact: true }
    const near = byKey.get(unitIdKey(id))
    return near?.length === 1 ? { near: near[0]! } : null
  }
}
