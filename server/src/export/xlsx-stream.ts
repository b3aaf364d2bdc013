import { PassThrough, Readable } from 'node:stream'
import type { ExportTable } from './table.ts'
import { columnLetters, packageParts, SHEET_PATH, SHEET_TAIL, sheetHead, sheetRow } from './xlsx-parts.ts'
import { zipWriter, type ZipEntryWriter } from './zip-writer.ts'

/** Sheet text gathered before it is handed to the deflater: big enough to keep zlib busy. */
const CHUNK_CHARS = 256 * 1024
/**
 * Deflate level 1: the sheet is very repetitive XML, so the file is barely bigger than at the
 * default level while deflating takes a fraction of the time.
 */
const LEVEL = 1
/** Bold header style in xlsx-parts' styles.xml. */
const BOLD = 1

/**
 * The table as an XLSX byte stream: row 1 holds the column ids, row 2 the Vietnamese labels,
 * both bold and frozen; numbers stay numbers, text is inline text (a spreadsheet never evaluates
 * it, so it needs no neutralising). The sheet XML is built as text and deflated as it is
 * produced, waiting whenever the response is not being read (backpressure), so memory stays
 * bounded whatever the number of rows.
 */
export function xlsxStream(table: ExportTable, sheetName: string): ReadableStream<Uint8Array> {
  const output = new PassThrough()
  void write(table, sheetName, output)
  return Readable.toWeb(output) as ReadableStream<Uint8Array>
}

async function write(table: ExportTable, sheetName: string, output: PassThrough): Promise<void> {
  let sheet: ZipEntryWriter | undefined
  try {
    const zip = zipWriter(output, { level: LEVEL })
    for (const [path, xml] of packageParts(sheetName)) await zip.add(path, xml)
    sheet = zip.entry(SHEET_PATH)
    const letters = columnLetters(table.columns.length)
    const widths = table.columns.map((c) => Math.min(60, Math.max(10, c.label.length + 2, c.id.length + 2)))
    let text = sheetHead(widths, 2)
    text += sheetRow(table.columns.map((c) => c.id), 1, letters, BOLD)
    text += sheetRow(table.columns.map((c) => c.label), 2, letters, BOLD)
    let rowNumber = 2
    for (let next = table.rows.next(); !next.done; next = table.rows.next()) {
      text += sheetRow(next.value, ++rowNumber, letters)
      if (text.length >= CHUNK_CHARS) {
        if (output.destroyed) return
        await sheet.write(text)
        text = ''
      }
    }
    await sheet.write(text + SHEET_TAIL)
    await sheet.end()
    await zip.finish()
    output.end()
  } catch (error) {
    output.destroy(error instanceof Error ? error : new Error(String(error)))
  } finally {
    sheet?.abort()
    table.close()
  }
}
