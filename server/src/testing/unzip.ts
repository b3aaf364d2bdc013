import yauzl from 'yauzl'

export type UnzippedEntry = { data: Buffer; mode: number }

/**
 * Every entry of a zip archive, read with yauzl (a reader independent of the yazl writer the
 * server uses): name → bytes and Unix permission bits.
 */
export async function unzipEntries(bytes: Buffer): Promise<Map<string, UnzippedEntry>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false })
  const entries = new Map<string, UnzippedEntry>()
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = []
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
      entries.set(entry.fileName, { data: Buffer.concat(chunks), mode: (entry.externalFileAttributes >>> 16) & 0o777 })
    }
  } finally {
    zip.close()
  }
  return entries
}
