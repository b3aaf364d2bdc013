import { CSV_BOM, csvLine } from './csv.ts'
import { columnLabel, type ExportTable, type ExportView } from './table.ts'

/** Bytes gathered before handing a chunk to the response: big enough to be cheap, small enough to stream. */
const CHUNK_CHARS = 64 * 1024

/**
 * The table as a CSV byte stream (UTF-8 with BOM, CRLF; a header in the view's language, or of
 * column ids in the machine view; dates stay ISO 8601 UTC text). Rows are pulled
 * only when the reader asks for more, so a slow client holds back the database reads
 * (backpressure) and memory stays at about one chunk.
 */
export function csvStream(table: ExportTable, view: ExportView): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let started = false
  let closed = false
  const close = () => {
    if (!closed) {
      closed = true
      table.close()
    }
  }
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = ''
      if (!started) {
        started = true
        text = CSV_BOM + csvLine(table.columns.map((c) => (view.ids ? c.id : columnLabel(c, view.locale))))
      }
      try {
        while (text.length < CHUNK_CHARS) {
          const next = table.rows.next()
          if (next.done) {
            close()
            if (text) controller.enqueue(encoder.encode(text))
            controller.close()
            return
          }
          text += csvLine(next.value)
        }
      } catch (error) {
        close()
        throw error
      }
      controller.enqueue(encoder.encode(text))
    },
    cancel: close,
  })
}
