import type { Cell } from './csv.ts'

/**
 * A table to export, produced lazily so that a large one is never held in memory: `columns` are
 * the stable column ids (the CSV header) with their Vietnamese labels (the XLSX second header
 * row); `rows` is pulled one row at a time. `close` releases what the rows read from (a database
 * reader) and is called once, after the last row or when the download is abandoned.
 */
export type ExportTable = {
  columns: { id: string; label: string }[]
  rows: Iterator<Cell[]>
  close: () => void
}

/** A table over rows already in memory (small tables: scores, matrix). */
export function tableOf(
  columns: ExportTable['columns'],
  rows: Iterable<Cell[]>,
  close: () => void = () => {},
): ExportTable {
  return { columns, rows: rows[Symbol.iterator](), close }
}
