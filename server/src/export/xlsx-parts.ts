import type { Cell } from './csv.ts'

/**
 * The XML parts of a one-sheet XLSX workbook (SpreadsheetML), written as text: the fixed package
 * parts, and the worksheet as a head, rows and a tail so that it can be streamed. Style 1 is the
 * bold header style, style 2 a date and time (dd/mm/yyyy hh:mm); everything else uses the
 * default style 0.
 */

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

export const SHEET_PATH = 'xl/worksheets/sheet1.xml'

/** The package parts besides the worksheet, by path inside the zip. */
export function packageParts(sheetName: string): [string, string][] {
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE}.sheet.main+xml"/>` +
        `<Override PartName="/${SHEET_PATH}" ContentType="${CONTENT_TYPE}.worksheet+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE}.styles+xml"/>` +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        '</Relationships>',
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        `<sheets><sheet name="${xmlText(sheetTitle(sheetName))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ],
    [
      'xl/styles.xml',
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts>' +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>',
    ],
  ]
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ (these become "-"). */
function sheetTitle(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Sheet1'
}

/** The worksheet up to its first data row: the frozen header rows view and the column widths. */
export function sheetHead(widths: readonly number[], frozenRows: number): string {
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')
  const topLeft = `A${frozenRows + 1}`
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozenRows}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/>` +
    '<selection pane="bottomLeft"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`
  )
}

export const SHEET_TAIL = '</sheetData></worksheet>'

/** Column letters A, B, …, Z, AA, … for the first `count` columns. */
export function columnLetters(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    let letters = ''
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
      letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
    return letters
  })
}

/** The cell style of a date and time. */
export const DATE_STYLE = 2
/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000
/** Days from Excel's day 0 (1899-12-30, in its 1900 date system) to 1970-01-01. */
const EPOCH_DAYS = 25569

/**
 * An ISO date-time as an Excel date serial in Vietnam time (days since 1899-12-30, the time of
 * day as the fraction), or null when the text is not a date.
 */
export function excelDate(iso: string): number | null {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? (ms + VIETNAM_OFFSET_MS) / 86_400_000 + EPOCH_DAYS : null
}

/**
 * One `<row>`: text as inline strings (never evaluated, so formula-like text needs no
 * neutralising), finite numbers as numbers, the date-time text of `dates` columns as dates,
 * empty cells and non-finite numbers left out.
 */
export function sheetRow(
  cells: readonly Cell[],
  rowNumber: number,
  letters: readonly string[],
  style = 0,
  dates?: readonly boolean[],
): string {
  const s = style === 0 ? '' : ` s="${style}"`
  let xml = `<row r="${rowNumber}">`
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i]
    if (value === null || value === undefined) continue
    const date = dates?.[i] && typeof value === 'string' ? excelDate(value) : null
    if (date !== null) {
      xml += `<c r="${letters[i]}${rowNumber}" s="${DATE_STYLE}"><v>${date}</v></c>`
    } else if (typeof value === 'number') {
      if (Number.isFinite(value)) xml += `<c r="${letters[i]}${rowNumber}"${s}><v>${value}</v></c>`
    } else {
      const t = edgeSpace(value) ? '<t xml:space="preserve">' : '<t>'
      xml += `<c r="${letters[i]}${rowNumber}"${s} t="inlineStr"><is>${t}${xmlText(value)}</t></is></c>`
    }
  }
  return `${xml}</row>`
}

/** Whether text starts or ends with white space, which Excel keeps only when told to. */
function edgeSpace(text: string): boolean {
  if (text === '') return false
  const first = text.charCodeAt(0)
  const last = text.charCodeAt(text.length - 1)
  return first <= 32 || last <= 32
}

/** Characters that need escaping in XML text, or that XML 1.0 cannot hold at all. */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g')
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' }

/**
 * Text as XML character data: & < > " escaped, a carriage return kept as a reference (a parser
 * would otherwise turn it into a line feed), and the control characters XML 1.0 forbids dropped.
 */
export function xmlText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (ch) => ESCAPES[ch] ?? '') : text
}
