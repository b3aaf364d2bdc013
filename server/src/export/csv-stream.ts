import { CSV_BOM, csvLine } from './csv.ts'
import type { ExportTable } from './table.ts'

/** Bytes gathered before handing a chunk to the response: big enough to be cheap, small enough to stream. */
const CHUNK_CHARS = 64 * 1024

/**
 * The table as a CSV byte stream (UTF-8 with BOM, CRLF, header of column ids). Rows are pulled
 * only when the reader asks for more, so a slow client holds back the database reads
 * (backpressure) and memory stays at about one chunk.
 */
export function csvStream(table: ExportTable): ReadableStream<Uint8Array> {
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
        text = CSV_BOM + csvLine(table.columns.map((c) => c.id))
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
