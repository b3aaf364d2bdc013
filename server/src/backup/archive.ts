import fs from 'node:fs'
import { PassThrough } from 'node:stream'
import { ZipFile } from 'yazl'
import { CODE_KEY_FILE, keyFileOf } from '../codes/code-cipher.ts'
import type { DB } from '../db/connection.ts'
import { backupToTemp } from './backup.ts'

/** The database's name inside a backup archive: what `$DATA_DIR` holds, so restoring is a copy. */
export const ARCHIVE_DATABASE = 'parsurvey.db'

/**
 * A backup archive (zip) of everything the server keeps: a consistent copy of the database
 * (online backup API, safe while responses arrive) as `parsurvey.db`, and the access-code key as
 * `access-codes.key` when one exists, so that codes printed before can be reprinted after a
 * restore. The two files are what `$DATA_DIR` holds; restoring is unpacking them there (README,
 * "Backup and restore"). The temporary copy is removed once the archive has been read or
 * abandoned. Deflate level 1: a database is mostly repetitive JSON, and a faster archive of a
 * large database matters more than a slightly smaller one.
 */
export async function backupArchive(db: DB): Promise<{ stream: PassThrough; files: string[] }> {
  const { file, remove } = await backupToTemp(db)
  try {
    return archiveOf(file, keyFileOf(db.name), {}, remove)
  } catch (error) {
    remove()
    throw error
  }
}

/**
 * The archive of a database copy `file` (as `parsurvey.db`), the key file when it exists, and
 * `extra` entries (name → content); `done` runs once the archive has been read or abandoned.
 */
export function archiveOf(
  file: string,
  keyFile: string | null,
  extra: Record<string, string>,
  done: () => void,
): { stream: PassThrough; files: string[] } {
  const zip = new ZipFile()
  const output = new PassThrough()
  const files = [ARCHIVE_DATABASE]
  zip.addFile(file, ARCHIVE_DATABASE, { compressionLevel: 1, mode: 0o100600 })
  if (keyFile !== null && fs.existsSync(keyFile)) {
    zip.addBuffer(fs.readFileSync(keyFile), CODE_KEY_FILE, { mode: 0o100600 })
    files.push(CODE_KEY_FILE)
  }
  for (const [name, content] of Object.entries(extra)) {
    zip.addBuffer(Buffer.from(content), name, { mode: 0o100600 })
    files.push(name)
  }
  zip.on('error', (error: Error) => output.destroy(error))
  zip.outputStream.pipe(output)
  output.once('close', done)
  zip.end()
  return { stream: output, files }
}
