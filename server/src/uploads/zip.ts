import { Readable } from 'node:stream'
import yauzl from 'yauzl'
import yazl from 'yazl'

/** Bounds on what an uploaded ZIP may unpack to (see unpackZip). */
export type ZipLimits = {
  /** Inflated bytes of all entries together. */
  inflatedBytes: number
  /** Number of entries. */
  entries: number
  /** Largest inflated ÷ compressed size of one entry that inflates to more than 1 MB. */
  ratio: number
}

/** Why a ZIP was refused: it cannot be read as one, or it unpacks to more than its limits. */
export type ZipRefusal = { ok: false; reason: 'damaged' | 'unzipped-too-large' }

/** Below this an entry's compression ratio is not checked: small parts compress however they like. */
const RATIO_FLOOR_BYTES = 1024 * 1024

const damaged: ZipRefusal = { ok: false, reason: 'damaged' }
const tooLarge: ZipRefusal = { ok: false, reason: 'unzipped-too-large' }

class OverBudget extends Error {}

/**
 * Unpacks an uploaded ZIP held in memory into its entries, or refuses it. The file is read by its
 * central directory with yauzl, strictly: anything it cannot follow (bytes prepended or cut off,
 * offsets that do not point at their headers, unknown compression, encryption, duplicate or
 * unsafe names) is `damaged`, never passed on to be read some other way. Inflating counts real
 * bytes against `limits` as they come (a header may lie about sizes; yauzl also checks each
 * entry's size against its header), so the unpacking never holds more than the limits allow.
 */
export async function unpackZip(
  bytes: Uint8Array,
  limits: ZipLimits,
): Promise<{ ok: true; entries: Map<string, Buffer> } | ZipRefusal> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true })
  } catch {
    return damaged
  }
  if (zip.entryCount > limits.entries) {
    zip.close()
    return tooLarge
  }
  const entries = new Map<string, Buffer>()
  let budget = limits.inflatedBytes
  try {
    for await (const entry of zip.eachEntry()) {
      if (entries.has(entry.fileName)) return damaged
      const size = entry.uncompressedSize
      if (size > budget) return tooLarge
      if (size > RATIO_FLOOR_BYTES && size > limits.ratio * Math.max(1, entry.compressedSize)) return tooLarge
      const data = await readAtMost(await zip.openReadStreamPromise(entry), size)
      budget -= data.length
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, data)
    }
  } catch (error) {
    return error instanceof OverBudget ? tooLarge : damaged
  } finally {
    zip.close()
  }
  return { ok: true, entries }
}

/** The stream's bytes, refusing more than `max` (stops reading at once). */
async function readAtMost(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length
    if (length > max) {
      stream.destroy()
      throw new OverBudget()
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, length)
}

/**
 * A plain ZIP of `entries` in the given order, stored without compression: what a reader gets
 * after unpackZip, so it can only unpack what the limits already allowed.
 */
export async function packZip(entries: Iterable<[string, Buffer]>): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const [name, data] of entries) zip.addBuffer(data, name, { compress: false })
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}
