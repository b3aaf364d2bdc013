import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { formatMessage } from '@parsurvey/shared'
import { backupArchive } from '../backup/archive.ts'
import { backupDatabase } from '../backup/backup.ts'
import { DEFAULT_RETENTION, type Retention } from '../backup/retention.ts'
import { scheduledBackup } from '../backup/scheduled.ts'
import { CODE_KEY_FILE } from '../codes/code-cipher.ts'
import { openServerDatabase } from './database.ts'
import { resolveUserPath } from './survey-file.ts'

const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, 'en')
const fail = (text: string) => (process.stderr.write(`${text}\n`), 1)

const options = {
  dir: { type: 'string' },
  'keep-daily': { type: 'string' },
  'keep-weekly': { type: 'string' },
  now: { type: 'string' },
} as const

/**
 * `pnpm parsurvey backup <file>`: a consistent copy of the server's database with SQLite's online
 * backup API, safe while the server is running. A `.zip` target gets the archive the admin page
 * downloads (database and access-code key, backup/archive.ts); any other name the database alone.
 * Never overwrites an existing file.
 *
 * `pnpm parsurvey backup --dir <folder> [--keep-daily 14] [--keep-weekly 8] [--now <time>]`: the
 * scheduled form (systemd timer or cron, deploy/): a dated archive in the folder, then the
 * retention rule (backup/retention.ts). `--now` names the backup after another time (tests, or
 * re-dating a manual run).
 */
export async function run(args: string[]): Promise<number> {
  if (args[0] === 'verify') return (await import('./backup-verify.ts')).run(args.slice(1))
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>
  try {
    parsed = parseArgs({ args, allowPositionals: true, options })
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${say('cli-backup-usage')}`)
  }
  const { values, positionals } = parsed
  if (values.dir !== undefined) {
    if (positionals.length > 0) return fail(say('cli-backup-dir-usage'))
    return backupIntoFolder(values.dir, values)
  }
  if (values['keep-daily'] !== undefined || values['keep-weekly'] !== undefined || values.now !== undefined)
    return fail(say('cli-backup-dir-usage'))
  const [target, ...rest] = positionals
  if (!target || rest.length > 0) return fail(say('cli-backup-usage'))
  return backupToFile(target)
}

/** A count option: a whole number from 0 to 1000, or the default. */
function count(option: string, value: string | undefined, fallback: number): number | string {
  if (value === undefined) return fallback
  const n = Number(value)
  return /^\d+$/.test(value.trim()) && n <= 1000 ? n : say('cli-backup-option-count', { option, value })
}

async function backupIntoFolder(
  dir: string,
  values: { 'keep-daily'?: string | undefined; 'keep-weekly'?: string | undefined; now?: string | undefined },
): Promise<number> {
  const keepDaily = count('--keep-daily', values['keep-daily'], DEFAULT_RETENTION.keepDaily)
  if (typeof keepDaily === 'string') return fail(keepDaily)
  const keepWeekly = count('--keep-weekly', values['keep-weekly'], DEFAULT_RETENTION.keepWeekly)
  if (typeof keepWeekly === 'string') return fail(keepWeekly)
  const now = values.now === undefined ? new Date() : new Date(values.now)
  if (Number.isNaN(now.getTime()) || (values.now !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(values.now)))
    return fail(say('cli-backup-option-now', { value: values.now ?? '' }))
  const retention: Retention = { keepDaily, keepWeekly }
  const services = openServerDatabase('backup')
  if (!services) return 1
  let result
  try {
    result = await scheduledBackup(services.db, { dir: resolveUserPath(dir), now, retention })
    services.sqlite.audit.record({
      userId: null,
      action: 'database-backup',
      target: result.file,
      after: { files: result.files, deleted: result.deleted },
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fail(say('cli-backup-dir-exists', { file: dir }))
    throw error
  } finally {
    services.db.close()
  }
  const { file, bytes, deleted } = result
  process.stdout.write(
    `${say('cli-backup-dir-written', { file, bytes, deleted: deleted.length, keepDaily, keepWeekly })}\n`,
  )
  return 0
}

async function backupToFile(target: string): Promise<number> {
  const file = resolveUserPath(target)
  if (fs.existsSync(file)) return fail(say('cli-backup-exists', { file: target }))
  const services = openServerDatabase('backup')
  if (!services) return 1
  const archive = /\.zip$/i.test(file)
  try {
    if (archive) {
      const { stream } = await backupArchive(services.db)
      await pipeline(stream, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }))
    } else await backupDatabase(services.db, file)
    services.sqlite.audit.record({ userId: null, action: 'database-backup', target: file })
  } finally {
    services.db.close()
  }
  const bytes = fs.statSync(file).size
  const written = archive ? 'cli-backup-archive-written' : 'cli-backup-written'
  process.stdout.write(`${say(written, { file: target, bytes, keyFile: CODE_KEY_FILE })}\n`)
  return 0
}
