import { AlignmentType, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { packNumber, type ResultsPack } from '@parsurvey/shared'

export const FONT = 'Times New Roman'

/**
 * A table with a header row repeated on every page; numbers right-aligned with 2 decimals; the
 * `wide` column (the unit's name) takes a fifth of the width.
 */
export function docxTable(
  pack: Pick<ResultsPack, 'locale'>,
  header: string[],
  rows: (string | number | null)[][],
  wide: number,
): Table {
  const cell = (value: string | number | null, column: number, bold = false) =>
    new TableCell({
      ...(column === wide ? { width: { size: 20, type: WidthType.PERCENTAGE } } : {}),
      children: [
        new Paragraph({
          alignment: typeof value === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: show(pack, value), bold, size: 20 })],
        }),
      ],
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
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
