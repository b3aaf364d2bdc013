import { AlignmentType, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { packNumber, type ResultsPack } from '@parsurvey/shared'

export const FONT = 'Times New Roman'
/** Side margins of an A4 portrait page (the scorecards), and the text width between them, in twips. */
export const PORTRAIT_SIDE_MARGIN = 900
const TEXT_WIDTH = 11906 - 2 * PORTRAIT_SIDE_MARGIN

/**
 * A table with a header row repeated on every page; numbers right-aligned with 2 decimals.
 * `layout` is either the index of the wide column (the unit's name), which takes a fifth of the
 * width, or each column's share of the width in per cent (a scorecard's long domain names).
 */
export function docxTable(
  pack: Pick<ResultsPack, 'locale'>,
  header: string[],
  rows: (string | number | null)[][],
  layout: number | number[],
): Table {
  const percent = (column: number): number | undefined =>
    typeof layout === 'number' ? (column === layout ? 20 : undefined) : layout[column]
  const cell = (value: string | number | null, column: number, bold = false) =>
    new TableCell({
      ...(percent(column) === undefined ? {} : { width: { size: percent(column)!, type: WidthType.PERCENTAGE } }),
      children: [
        new Paragraph({
          alignment: typeof value === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: show(pack, value), bold, size: 20 })],
        }),
      ],
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // The grid LibreOffice and Word lay the columns out by, in twips of the given text width.
    ...(typeof layout === 'number' ? {} : { columnWidths: layout.map((p) => Math.round((p / 100) * TEXT_WIDTH)) }),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, i)) })),
    ],
  })
}

function show(pack: Pick<ResultsPack, 'locale'>, value: string | number | null): string {
  if (value === null) return '—'
  if (typeof value === 'string') return value
  return packNumber(value, pack.locale)
}

export const heading = (
  text: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2,
) => new Paragraph({ heading: level, children: [new TextRun({ text, font: FONT })] })
export const paragraph = (text: string, italic = false) =>
  new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, italics: italic })] })
