import { CSV_BOM, csvCell, csvLine, type Cell } from './csv.ts'
import { columnLabel, type ExportTable, type ExportView } from './table.ts'

/** Bytes gathered before handing a chunk to the response: big enough to be cheap, small enough to stream. */
const CHUNK_BYTES = 64 * 1024
/** The most UTF-8 bytes one UTF-16 code unit takes (a surrogate pair: 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3

/**
 * CSV records, each field computed once per run of equal values in its column: the columns that
 * say which response a row belongs to (id, unit, group, dates…) repeat on each of its ~30 answer
 * rows, so their neutralising and quoting would otherwise be redone for every answer.
 */
function recordWriter(): (cells: readonly Cell[]) => string {
  const lastValues: Cell[] = []
  const lastFields: string[] = []
  return (cells) => {
    let text = ''
    for (let i = 0; i < cells.length; i++) {
      const value = cells[i]!
      let field: string
      if (lastValues[i] === value) field = lastFields[i]!
      else {
        field = csvCell(value)
        lastValues[i] = value
        lastFields[i] = field
      }
      text += i === 0 ? field : `,${field}`
    }
    return `${text}\r\n`
  }
}

/**
 * The table as a CSV byte stream (UTF-8 with BOM, CRLF; a header in the view's language, or of
 * column ids in the machine view; dates stay ISO 8601 UTC text). Rows are pulled
 * only when the reader asks for more, so a slow client holds back the database reads
 * (backpressure) and memory stays at about one chunk. Each record is written into the chunk's
 * bytes as it comes: encoding one long string of a whole chunk cost more than making its records.
 */
export function csvStream(table: ExportTable, view: ExportView): ReadableStream<Uint8Array> {
  const record = recordWriter()
  let started = false
  let closed = false
  /** The rows of the batch being written, and a record that did not fit in the previous chunk. */
  let batch: Iterator<Cell[]> | undefined
  let carried: string | undefined
  const close = async () => {
    if (!closed) {
      closed = true
      await table.close()
    }
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = Buffer.allocUnsafe(CHUNK_BYTES)
      let used = 0
      /** Writes `text` into the chunk; false (nothing written) when it may not fit in what is left. */
      const put = (text: string): boolean => {
        const most = text.length * MAX_BYTES_PER_UNIT
        if (used + most > chunk.length) {
          if (used > 0) return false
          chunk = Buffer.allocUnsafe(most)
        }
        used += chunk.write(text, used, 'utf8')
        return true
      }
      if (!started) {
        started = true
        put(CSV_BOM + csvLine(table.columns.map((c) => (view.ids ? c.id : columnLabel(c, view.locale)))))
      }
      if (carried !== undefined) {
        put(carried)
        carried = undefined
      }
      try {
        while (used < CHUNK_BYTES) {
          const next = batch?.next()
          if (!next || next.done) {
            const more = await table.batches.next()
            if (closed) return
            if (more.done) {
              await close()
              if (used > 0) controller.enqueue(chunk.subarray(0, used))
              controller.close()
              return
            }
            batch = more.value[Symbol.iterator]()
            continue
          }
          const text = record(next.value)
          if (!put(text)) {
            carried = text
            break
          }
        }
      } catch (error) {
        await close()
        throw error
      }
      controller.enqueue(chunk.subarray(0, used))
    },
    cancel: close,
  })
}
