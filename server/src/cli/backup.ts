import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { formatMessage } from '@parsurvey/shared'
import { backupArchive } from '../backup/archive.ts'
import { backupDatabase } from '../backup/backup.ts'
import { CODE_KEY_FILE } from '../codes/code-cipher.ts'
import { openServerDatabase } from './database.ts'
import { resolveUserPath } from './survey-file.ts'

const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, 'en')

/**
 * `pnpm parsurvey backup <file>`: a consistent copy of the server's database with SQLite's online
 * backup API, safe while the server is running. A `.zip` target gets the archive the admin page
 * downloads (database and access-code key, backup/archive.ts); any other name the database alone.
 * Never overwrites an existing file.
 */
export async function run(args: string[]): Promise<number> {
  let positionals: string[]
  try {
    positionals = parseArgs({ args, allowPositionals: true, options: {} }).positionals
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${say('cli-backup-usage')}\n`)
    return 1
  }
  const [target, ...rest] = positionals
  if (!target || rest.length > 0) {
    process.stderr.write(`${say('cli-backup-usage')}\n`)
    return 1
  }
  const file = resolveUserPath(target)
  if (fs.existsSync(file)) {
    process.stderr.write(`${say('cli-backup-exists', { file: target })}\n`)
    return 1
  }
  const services = openServerDatabase()
  if (!services) return 1
  const archive = /\.zip$/i.test(file)
  try {
    if (archive) {
      const { stream } = await backupArchive(services.db)
      await pipeline(stream, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }))
    } else await backupDatabase(services.db, file)
    services.audit.record({ userId: null, action: 'database-backup', target: file })
  } finally {
    services.db.close()
  }
  const bytes = fs.statSync(file).size
  const written = archive ? 'cli-backup-archive-written' : 'cli-backup-written'
  process.stdout.write(`${say(written, { file: target, bytes, keyFile: CODE_KEY_FILE })}\n`)
  return 0
}
