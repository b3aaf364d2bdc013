import ExcelJS from 'exceljs'
import { PassThrough, Readable } from 'node:stream'
import type { ExportTable } from './table.ts'

/** Rows written between two yields to the event loop, so the zip writer can drain them. */
const BATCH = 500

/**
 * The table as an XLSX byte stream, written with exceljs's streaming WorkbookWriter: row 1 holds
 * the column ids, row 2 the Vietnamese labels, both bold and frozen; numbers stay numbers. The
 * writer waits whenever the response is not being read (backpressure), so memory stays bounded.
 * Text is written as text cells, which a spreadsheet never evaluates, so it needs no
 * neutralising.
 */
export function xlsxStream(table: ExportTable, sheetName: string): ReadableStream<Uint8Array> {
  const output = new PassThrough()
  void write(table, sheetName, output)
  return Readable.toWeb(output) as ReadableStream<Uint8Array>
}

async function write(table: ExportTable, sheetName: string, output: PassThrough): Promise<void> {
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false })
    const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] })
    sheet.columns = table.columns.map((c) => ({ width: Math.min(60, Math.max(10, c.label.length + 2, c.id.length + 2)) }))
    for (const header of [table.columns.map((c) => c.id), table.columns.map((c) => c.label)]) {
      const row = sheet.addRow(header)
      row.font = { bold: true }
      row.commit()
    }
    let written = 0
    for (let next = table.rows.next(); !next.done; next = table.rows.next()) {
      if (output.destroyed) return
      sheet.addRow(next.value).commit()
      if (++written % BATCH === 0) {
        await new Promise((resolve) => setImmediate(resolve))
        if (output.writableNeedDrain) await drained(output)
      }
    }
    sheet.commit()
    await workbook.commit()
  } catch (error) {
    output.destroy(error instanceof Error ? error : new Error(String(error)))
  } finally {
    table.close()
  }
}

/** Resolves when the stream wants data again, or is gone (an abandoned download). */
function drained(output: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done)
      output.off('close', done)
      resolve()
    }
    output.once('drain', done)
    output.once('close', done)
  })
}
