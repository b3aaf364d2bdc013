import ExcelJS from 'exceljs'
import type { ResultsPack } from '@parsurvey/shared'
import { totalsColumns, wordsFor } from './words.ts'

const TWO_DECIMALS = '0.00'
/** Every sheet prints on A4 landscape, one page wide, as many pages long as it needs. */
const A4_ACROSS: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
}
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F5E9' } }
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
}

/**
 * The results as an official appendix (Phụ lục): a title row with the survey's title and year,
 * a two-row Vietnamese header (domains over self / survey / total), one row per unit in rank
 * order, numbers as numbers with 2 decimals, the header frozen and repeated on every printed
 * page, A4 landscape fitted to the width; then the class counts. A second sheet lists the bonus
 * and penalty points with their reasons, a third which rule stood in for missing answers; they
 * print the same way.
 */
export async function resultsWorkbook(pack: ResultsPack): Promise<Buffer> {
  const w = wordsFor(pack)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'parsurvey'
  const sheet = workbook.addWorksheet(w('sheet-appendix'))
  const domainWidth = pack.hasSelfDomains ? 3 : 1
  const totals = totalsColumns(pack)
  const width = 2 + pack.domains.length * domainWidth + totals.length + 1

  sheet.mergeCells(1, 1, 1, width)
  const title = sheet.getCell(1, 1)
  title.value = `${w('title', { year: pack.year })}: ${pack.title}`
  title.font = { bold: true, size: 14 }
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  sheet.getRow(1).height = 36
  sheet.mergeCells(2, 1, 2, width)
  sheet.getCell(2, 1).value =
    `${w('rule')}: ${w(`rule-${pack.missing}`)}.${pack.rankedByTotal ? '' : ` ${w('ranked-by-survey')}`}`
  sheet.getCell(2, 1).font = { italic: true }

  // Header rows 3 and 4: a domain's label over its self / survey / total columns.
  const top = sheet.getRow(3)
  const sub = sheet.getRow(4)
  const header = (col: number, text: string, span = 1, rows = 2) => {
    top.getCell(col).value = text
    if (span > 1 || rows > 1) sheet.mergeCells(3, col, 3 + rows - 1, col + span - 1)
  }
  header(1, w('order'))
  header(2, w('unit'))
  let col = 3
  for (const domain of pack.domains) {
    const label = `${domain.id}. ${domain.label}`
    if (domainWidth === 1) header(col, `${label} (${w('max', { max: domain.surveyMax })})`)
    else {
      header(col, label, 3, 1)
      sub.getCell(col).value = w('self')
      sub.getCell(col + 1).value = w('survey')
      sub.getCell(col + 2).value = w('domain-total')
    }
    col += domainWidth
  }
  for (const column of totals) header(col++, column.header)
  header(col, w('responses'))
  for (const row of [top, sub]) {
    row.height = 48
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      cell.font = { bold: true }
      cell.fill = HEADER_FILL
      cell.border = THIN
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    }
  }

  pack.rows.forEach((r, i) => {
    const values: (string | number | null)[] = [i + 1, r.name]
    for (const d of r.domains) values.push(...(domainWidth === 3 ? [d.self, d.survey, d.total] : [d.survey]))
    for (const column of totals) values.push(column.value(r))
    values.push(r.responses)
    const row = sheet.addRow(values)
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = THIN
      if (typeof cell.value === 'number' && c > 2 && c < width) cell.numFmt = TWO_DECIMALS
    })
    // Rank and responses are whole numbers.
    row.getCell(2 + pack.domains.length * domainWidth + 6).numFmt = '0'
    row.getCell(width).numFmt = '0'
  })

  sheet.columns.forEach((column, i) => {
    column.width = i === 1 ? 34 : i === 0 ? 6 : 11
  })
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 4 }]
  sheet.pageSetup = {
    ...A4_ACROSS,
    printTitlesRow: '3:4',
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  }
  sheet.headerFooter = { oddFooter: '&P / &N' }

  classCountTable(sheet, pack, w)
  adjustmentsSheet(workbook, pack, w)
  notesSheet(workbook, pack, w)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

type Words = ReturnType<typeof wordsFor>

function classCountTable(sheet: ExcelJS.Worksheet, pack: ResultsPack, w: Words): void {
  sheet.addRow([])
  const heading = sheet.addRow(['', w('class-counts')])
  heading.getCell(2).font = { bold: true }
  const head = sheet.addRow(['', w('class'), w('class-count'), w('class-share')])
  head.eachCell((cell) => {
    cell.font = { bold: true }
    cell.border = THIN
    cell.fill = HEADER_FILL
  })
  for (const c of pack.classCounts) {
    const row = sheet.addRow(['', c.label, c.count, `${c.count}/${pack.classified}`])
    row.eachCell((cell, i) => {
      if (i > 1) cell.border = THIN
    })
  }
}

function adjustmentsSheet(workbook: ExcelJS.Workbook, pack: ResultsPack, w: Words): void {
  const sheet = workbook.addWorksheet(w('sheet-adjustments'))
  const head = sheet.addRow([w('unit'), w('points'), w('reason')])
  head.font = { bold: true }
  for (const r of pack.rows)
    for (const item of r.adjustmentItems)
      sheet.addRow([r.name, item.points, item.reason]).getCell(2).numFmt = TWO_DECIMALS
  sheet.columns = [{ width: 34 }, { width: 10 }, { width: 80 }]
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  sheet.pageSetup = { ...A4_ACROSS }
}

function notesSheet(workbook: ExcelJS.Workbook, pack: ResultsPack, w: Words): void {
  const sheet = workbook.addWorksheet(w('sheet-notes'))
  const kinds = ['zero', 'province-mean', 'left-out', 'not-applicable'] as const
  const head = sheet.addRow([w('unit'), ...kinds.map((k) => w(`notes-${k}`))])
  head.font = { bold: true }
  for (const r of pack.rows) sheet.addRow([r.name, ...kinds.map((k) => r.rules[k].join(', '))])
  sheet.columns = [{ width: 34 }, { width: 24 }, { width: 24 }, { width: 24 }, { width: 24 }]
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  sheet.pageSetup = { ...A4_ACROSS }
}
