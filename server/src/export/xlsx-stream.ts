import { once } from 'node:events'
import { PassThrough, Readable } from 'node:stream'
import { ZipFile } from 'yazl'
import { columnLabel, type ExportTable, type ExportView } from './table.ts'
import { columnLetters, packageParts, SHEET_PATH, SHEET_TAIL, sheetHead, sheetRow } from './xlsx-parts.ts'

/** Sheet text gathered before it is handed to the zip stream: big enough to keep zlib busy. */
const CHUNK_CHARS = 256 * 1024
/**
 * Deflate level 1: the sheet is very repetitive XML, so the file is barely bigger than at the
 * default level while deflating takes a fraction of the time.
 */
const LEVEL = 1
/** Bold header style in xlsx-parts' styles.xml. */
const BOLD = 1

/**
 * The table as an XLSX byte stream: row 1 holds the column ids, row 2 the headers in the view's
 * language, both bold and frozen; numbers stay numbers, dates are dates (Vietnam time), text is
 * inline text (a spreadsheet never evaluates
 * it, so it needs no neutralising). The sheet XML is built as text and deflated as it is
 * produced, waiting whenever the response is not being read (backpressure), so memory stays
 * bounded whatever the number of rows.
 */
export function xlsxStream(table: ExportTable, sheetName: string, view: ExportView): ReadableStream<Uint8Array> {
  const zip = new ZipFile()
  const output = new PassThrough()
  // An entry or zip error ends the download with that error rather than the process.
  zip.on('error', (error: Error) => output.destroy(error))
  zip.outputStream.pipe(output)
  void write(table, sheetName, view, zip, output)
  return Readable.toWeb(output) as ReadableStream<Uint8Array>
}

/** Writes `text` to the sheet entry, waiting while the download lags behind (backpressure). */
async function put(sheet: PassThrough, output: PassThrough, text: string): Promise<boolean> {
  if (output.destroyed) return false
  if (!sheet.write(text)) await Promise.race([once(sheet, 'drain'), once(output, 'close')])
  return !output.destroyed
}

async function write(
  table: ExportTable,
  sheetName: string,
  view: ExportView,
  zip: ZipFile,
  output: PassThrough,
): Promise<void> {
  const sheet = new PassThrough()
  try {
    // yazl deflates each entry in a zlib stream (on libuv's thread pool) and streams the zip
    // out with data descriptors, switching to zip64 records past 4 GiB.
    for (const [path, xml] of packageParts(sheetName))
      zip.addBuffer(Buffer.from(xml), path, { compressionLevel: LEVEL })
    zip.addReadStream(sheet, SHEET_PATH, { compressionLevel: LEVEL })
    zip.end()
    const letters = columnLetters(table.columns.length)
    const labels = table.columns.map((c) => columnLabel(c, view.locale))
    const dates = table.columns.map((c) => c.date === true)
    const widths = table.columns.map((c, i) =>
      Math.min(60, Math.max(c.date ? 17 : 10, labels[i]!.length + 2, c.id.length + 2)),
    )
    let text = sheetHead(widths, 2)
    text += sheetRow(
      table.columns.map((c) => c.id),
      1,
      letters,
      BOLD,
    )
    text += sheetRow(labels, 2, letters, BOLD)
    let rowNumber = 2
    for (let batch = await table.batches.next(); !batch.done; batch = await table.batches.next()) {
      for (const row of batch.value) {
        text += sheetRow(row, ++rowNumber, letters, 0, dates)
        if (text.length >= CHUNK_CHARS) {
          if (!(await put(sheet, output, text))) return
          text = ''
        }
      }
    }
    if (!(await put(sheet, output, text + SHEET_TAIL))) return
    sheet.end()
  } catch (error) {
    output.destroy(asError(error))
  } finally {
    if (output.destroyed) sheet.destroy()
    await table.close().catch((error: unknown) => output.destroy(asError(error)))
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)))
