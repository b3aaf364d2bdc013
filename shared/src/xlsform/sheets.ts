/**
 * A workbook as plain data, between the survey format and an XLSX file (the server reads and
 * writes the file; this package stays free of I/O). Row 1 of every sheet is its header.
 */
export type CellValue = string | number | boolean | null

export type Sheet = { name: string; columns: string[]; rows: CellValue[][] }

/** The sheets of a survey workbook, XLSForm's three first, then ours (surveys/README.md, "Excel"). */
export const SHEET = {
  survey: 'survey',
  choices: 'choices',
  settings: 'settings',
  scoring: 'scoring',
  criteria: 'criteria',
  groups: 'groups',
  units: 'units',
  locations: 'locations',
  classification: 'classification',
} as const

/** Header of a translated column, as XLSForm writes it: `label::Tiếng Việt (vi)`. */
export function translated(column: string, language: 'vi' | 'en'): string {
  return `${column}::${language === 'vi' ? 'Tiếng Việt (vi)' : 'English (en)'}`
}

/** A translated column's header in either form XLSForm tools write (`label::… (vi)`, `label::vi`), or a plain one. */
export function headerKey(header: string): string {
  const text = header.trim().toLowerCase()
  const m = /^([a-z_]+)::(?:.*\((vi|en)\)|(vi|en))$/.exec(text)
  return m ? `${m[1]}::${m[2] ?? m[3]}` : text
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}
