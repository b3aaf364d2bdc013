import { inflateRawSync } from 'node:zlib'

/**
 * Limits on what an uploaded XLSX (a ZIP) unpacks to, checked before exceljs loads it: exceljs
 * inflates every part into memory, so a small file that unzips to gigabytes ("zip bomb") would
 * take the server down. A real self-assessment sheet of a few hundred units unpacks to well
 * under 1 MB.
 */
export const XLSX_LIMITS = { unzippedBytes: 20 * 1024 * 1024, entries: 200 } as const

export type ZipVerdict = { ok: true } | { ok: false; reason: 'unzipped-too-large' | 'unreadable' }

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/**
 * Inflates every entry with a hard cap on the output (zlib's maxOutputLength), so the check
 * itself never holds more than the budget, whatever sizes the headers claim.
 */
export function checkZipBudget(
  bytes: Uint8Array,
  limits: { unzippedBytes: number; entries: number } = XLSX_LIMITS,
): ZipVerdict {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end-of-central-directory record is within the last 64 KB + 22 bytes (after a comment).
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return { ok: false, reason: 'unreadable' }
  const entries = buf.readUInt16LE(eocd + 10)
  if (entries > limits.entries) return { ok: false, reason: 'unzipped-too-large' }
  let at = buf.readUInt32LE(eocd + 16)
  let budget = limits.unzippedBytes
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return { ok: false, reason: 'unreadable' }
    const method = buf.readUInt16LE(at + 10)
    const compressed = buf.readUInt32LE(at + 20)
    const local = buf.readUInt32LE(at + 42)
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
    // ZIP64 markers: a self-assessment sheet never needs them.
    if (compressed === 0xffffffff || local === 0xffffffff) return { ok: false, reason: 'unzipped-too-large' }
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return { ok: false, reason: 'unreadable' }
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(start, start + compressed)
    let size: number
    if (method === 0) size = data.length
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: budget + 1 }).length
      } catch (error) {
        const code = (error as { code?: string }).code
        return { ok: false, reason: code === 'ERR_BUFFER_TOO_LARGE' ? 'unzipped-too-large' : 'unreadable' }
      }
    } else return { ok: false, reason: 'unreadable' }
    budget -= size
    if (budget < 0) return { ok: false, reason: 'unzipped-too-large' }
  }
  return { ok: true }
}
