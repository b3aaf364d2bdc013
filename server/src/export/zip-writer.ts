import type { Writable } from 'node:stream'
import zlib from 'node:zlib'

/** Largest size or offset a plain (non-zip64) zip field holds. */
const ZIP32_MAX = 0xffffffff
/** General purpose flags: sizes and CRC follow the data (bit 3), names are UTF-8 (bit 11). */
const FLAGS = 0x0008 | 0x0800
const DEFLATE = 8
/** Text an entry may queue ahead of the deflater before `write` waits. */
const QUEUE_BYTES = 1 << 20

type Entry = { name: Buffer; offset: number; crc: number; compressed: number; size: number; zip64: boolean }

/** An entry being written: feed it text, then `end()` it before adding the next one. */
export type ZipEntryWriter = {
  /** Resolves at once, or once the output has room again (backpressure). */
  write: (text: string) => Promise<void>
  end: () => Promise<void>
  /** Releases the deflater of an entry that will never be ended (an abandoned download). */
  abort: () => void
}

/**
 * A zip archive written front to back onto `output`, never seeking and never holding an entry in
 * memory: each entry is deflated as it comes (zlib runs off the main thread) and its CRC and sizes
 * follow it in a data descriptor. Entries or offsets past 4 GiB switch to zip64 records, as
 * streaming zip writers do (`zip64Above` lowers that bound, for tests only).
 */
export function zipWriter(output: Writable, options: { level?: number; zip64Above?: number } = {}) {
  const level = options.level ?? zlib.constants.Z_DEFAULT_COMPRESSION
  const zip64Above = options.zip64Above ?? ZIP32_MAX
  const entries: Entry[] = []
  let offset = 0
  let busy = false
  const [time, date] = dosDateTime(new Date())

  async function put(bytes: Buffer): Promise<void> {
    offset += bytes.length
    if (!output.write(bytes)) await drained(output)
  }

  function entry(fileName: string): ZipEntryWriter {
    if (busy) throw new Error('zip: the previous entry is not ended')
    busy = true
    const name = Buffer.from(fileName, 'utf8')
    const start = offset
    let crc = 0
    let size = 0
    let compressed = 0
    const deflate = zlib.createDeflateRaw({ level, memLevel: 9 })
    const pending: Promise<void>[] = []
    deflate.on('data', (chunk: Buffer) => {
      compressed += chunk.length
      offset += chunk.length
      if (!output.write(chunk)) {
        deflate.pause()
        pending.push(drained(output).then(() => void deflate.resume()))
      }
    })
    const finished = new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve)
      deflate.once('error', reject)
    })
    // Only `end` awaits this; an entry aborted before then must not leave a rejection unhandled.
    finished.catch(() => {})
    const header = localHeader(name, time, date)
    offset += header.length
    output.write(header)
    return {
      async write(text) {
        const bytes = Buffer.from(text, 'utf8')
        crc = zlib.crc32(bytes, crc)
        size += bytes.length
        deflate.write(bytes)
        // Let text queue up to a bound rather than wait per chunk: the next chunk is then built
        // on the main thread while zlib deflates this one on its own thread.
        if (deflate.writableLength > QUEUE_BYTES) await drained(deflate)
        while (pending.length > 0) await pending.shift()
      },
      async end() {
        deflate.end()
        await finished
        await Promise.all(pending)
        const zip64 = size > zip64Above || compressed > zip64Above || start > zip64Above
        entries.push({ name, offset: start, crc, compressed, size, zip64 })
        await put(dataDescriptor(crc, compressed, size, zip64))
        busy = false
      },
      abort() {
        deflate.destroy()
      },
    }
  }

  return {
    entry,
    /** A whole small entry at once. */
    async add(fileName: string, text: string): Promise<void> {
      const writer = entry(fileName)
      await writer.write(text)
      await writer.end()
    },
    /** Writes the central directory; the archive is complete once this resolves. */
    async finish(): Promise<void> {
      const directoryStart = offset
      for (const e of entries) await put(centralHeader(e, time, date))
      const directorySize = offset - directoryStart
      if (directoryStart > zip64Above || entries.some((e) => e.zip64)) {
        const zip64End = offset
        await put(zip64EndRecord(entries.length, directorySize, directoryStart))
        await put(zip64Locator(zip64End))
      }
      await put(endRecord(entries.length, directorySize, directoryStart, zip64Above))
    },
  }
}
export type ZipWriter = ReturnType<typeof zipWriter>

function localHeader(name: Buffer, time: number, date: number): Buffer {
  const b = Buffer.alloc(30)
  b.writeUInt32LE(0x04034b50, 0)
  b.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
  b.writeUInt16LE(FLAGS, 6)
  b.writeUInt16LE(DEFLATE, 8)
  b.writeUInt16LE(time, 10)
  b.writeUInt16LE(date, 12)
  // CRC and sizes (14–25) stay zero: they are in the data descriptor.
  b.writeUInt16LE(name.length, 26)
  return Buffer.concat([b, name])
}

function dataDescriptor(crc: number, compressed: number, size: number, zip64: boolean): Buffer {
  const b = Buffer.alloc(zip64 ? 24 : 16)
  b.writeUInt32LE(0x08074b50, 0)
  b.writeUInt32LE(crc, 4)
  if (zip64) {
    b.writeBigUInt64LE(BigInt(compressed), 8)
    b.writeBigUInt64LE(BigInt(size), 16)
  } else {
    b.writeUInt32LE(compressed, 8)
    b.writeUInt32LE(size, 12)
  }
  return b
}

function centralHeader(e: Entry, time: number, date: number): Buffer {
  // zip64 extra field (id 1): the 8-byte size, compressed size and offset, in that order.
  const extra = e.zip64 ? Buffer.alloc(28) : Buffer.alloc(0)
  if (e.zip64) {
    extra.writeUInt16LE(0x0001, 0)
    extra.writeUInt16LE(24, 2)
    extra.writeBigUInt64LE(BigInt(e.size), 4)
    extra.writeBigUInt64LE(BigInt(e.compressed), 12)
    extra.writeBigUInt64LE(BigInt(e.offset), 20)
  }
  const b = Buffer.alloc(46)
  b.writeUInt32LE(0x02014b50, 0)
  b.writeUInt16LE(e.zip64 ? 45 : 20, 4) // version made by
  b.writeUInt16LE(e.zip64 ? 45 : 20, 6) // version needed
  b.writeUInt16LE(FLAGS, 8)
  b.writeUInt16LE(DEFLATE, 10)
  b.writeUInt16LE(time, 12)
  b.writeUInt16LE(date, 14)
  b.writeUInt32LE(e.crc, 16)
  b.writeUInt32LE(e.zip64 ? ZIP32_MAX : e.compressed, 20)
  b.writeUInt32LE(e.zip64 ? ZIP32_MAX : e.size, 24)
  b.writeUInt16LE(e.name.length, 28)
  b.writeUInt16LE(extra.length, 30)
  // comment length, disk number, internal and external attributes (32–41) stay zero.
  b.writeUInt32LE(e.zip64 ? ZIP32_MAX : e.offset, 42)
  return Buffer.concat([b, e.name, extra])
}

function zip64EndRecord(count: number, size: number, start: number): Buffer {
  const b = Buffer.alloc(56)
  b.writeUInt32LE(0x06064b50, 0)
  b.writeBigUInt64LE(44n, 4) // size of the rest of this record
  b.writeUInt16LE(45, 12)
  b.writeUInt16LE(45, 14)
  // this disk and the directory's disk (16–23) stay zero.
  b.writeBigUInt64LE(BigInt(count), 24)
  b.writeBigUInt64LE(BigInt(count), 32)
  b.writeBigUInt64LE(BigInt(size), 40)
  b.writeBigUInt64LE(BigInt(start), 48)
  return b
}

function zip64Locator(recordOffset: number): Buffer {
  const b = Buffer.alloc(20)
  b.writeUInt32LE(0x07064b50, 0)
  b.writeBigUInt64LE(BigInt(recordOffset), 8)
  b.writeUInt32LE(1, 16) // total number of disks
  return b
}

function endRecord(count: number, size: number, start: number, zip64Above: number): Buffer {
  const b = Buffer.alloc(22)
  b.writeUInt32LE(0x06054b50, 0)
  b.writeUInt16LE(count, 8)
  b.writeUInt16LE(count, 10)
  b.writeUInt32LE(size, 12)
  b.writeUInt32LE(start > zip64Above ? ZIP32_MAX : start, 16)
  return b
}

/** MS-DOS time and date fields (local time, 2-second steps), as zip stores them. */
function dosDateTime(d: Date): [number, number] {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1)
  const date = ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()
  return [time, date]
}

/** Resolves when the stream wants data again, or is gone (an abandoned download). */
export function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) return resolve()
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.once('drain', done)
    stream.once('close', done)
  })
}
