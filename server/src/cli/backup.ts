import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { formatMessage } from '@parsurvey/shared'
import { backupDatabase } from '../backup/backup.ts'
import { CODE_KEY_FILE } from '../codes/code-cipher.ts'
import { openServerDatabase } from './database.ts'
import { resolveUserPath } from './survey-file.ts'

const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, 'en')

/**
 * `pnpm parsurvey backup <file>`: a consistent copy of the server's database with SQLite's online
 * backup API, safe while the server is running. Never overwrites an existing file.
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
  try {
    await backupDatabase(services.db, file)
    services.audit.record({ userId: null, action: 'database-backup', target: file })
  } finally {
    services.db.close()
  }
  process.stdout.write(
    `${say('cli-backup-written', { file: target, bytes: fs.statSync(file).size, keyFile: CODE_KEY_FILE })}\n`,
  )
  return 0
}
