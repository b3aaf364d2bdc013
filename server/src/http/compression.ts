import type { MiddlewareHandler } from 'hono'
import { accepts } from 'hono/accepts'
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress'
import { Readable, pipeline } from 'node:stream'
import { createGzip } from 'node:zlib'

/** Bodies known to be smaller than this are sent as they are: gzip would not pay for its header. */
const THRESHOLD_BYTES = 1024
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i
const VARIES_ON_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i

/**
 * `body` gzipped, pulled only as fast as the client reads. Node 20's web `CompressionStream`
 * (which hono's compress middleware uses) reads its source to the end whatever the reader does:
 * a 600 MB CSV export to a slow client sat in the server's memory (the small-VM bench was killed
 * at 512 MB). Node's own zlib stream behind `pipeline` keeps to its buffer size, and a pull-based
 * web stream over its iterator asks for the next piece only when the response wants one.
 */
export function gzipStream(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const gzip = createGzip()
  // Errors reach the iterator below (the gzip stream is destroyed with them); nothing to do here.
  pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), gzip, () => undefined)
  const chunks = gzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next()
        if (done) controller.close()
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
      },
      async cancel() {
        // Ends the iterator and destroys the pipeline, which cancels the source (and closes its reader).
        await chunks.return?.()
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * Gzip for text answers the client accepts it for, as hono's compress middleware decides
 * (compressible type, not tiny, not already encoded, no `no-transform`, `Vary: Accept-Encoding`),
 * but through `gzipStream`, so a streamed export stays streamed.
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const res = c.res
    const length = res.headers.get('Content-Length')
    if (
      !res.body ||
      res.status === 206 ||
      c.req.method === 'HEAD' ||
      res.headers.has('Content-Encoding') ||
      res.headers.has('Transfer-Encoding') ||
      (length !== null && Number(length) < THRESHOLD_BYTES) ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(res.headers.get('Content-Type') ?? '') ||
      NO_TRANSFORM.test(res.headers.get('Cache-Control') ?? '')
    )
      return
    const vary = res.headers.get('Vary')
    if (vary !== '*' && !(vary && VARIES_ON_ENCODING.test(vary)))
      c.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
    if (accepts(c, { header: 'Accept-Encoding', supports: ['gzip'], default: 'identity' }) !== 'gzip') return
    c.res = new Response(gzipStream(c.res.body!), c.res)
    c.res.headers.delete('Content-Length')
    c.res.headers.set('Content-Encoding', 'gzip')
    const etag = c.res.headers.get('ETag')
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`)
  }
}
