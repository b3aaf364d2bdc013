import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { formatMessage } from '@parsurvey/shared'
import { latestBackup, restoreDrill } from '../backup/verify.ts'
import { resolveUserPath } from './survey-file.ts'

const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, 'en')
const fail = (text: string) => (process.stderr.write(`${text}\n`), 1)

/**
 * `pnpm parsurvey backup verify --dir <folder>` (the newest backup there) or `… verify <file.zip>`:
 * the restore drill (backup/verify.ts). Exit 0 when it passed, 1 with every problem otherwise.
 * Reads only the archive: it runs on any machine, without DATA_DIR.
 */
export async function run(args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { dir: { type: 'string' } } })
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${say('cli-backup-verify-usage')}`)
  }
  const { values, positionals } = parsed
  if ((values.dir === undefined) === (positionals.length === 0) || positionals.length > 1)
    return fail(say('cli-backup-verify-usage'))
  let archive: string
  if (values.dir !== undefined) {
    const dir = resolveUserPath(values.dir)
    const latest = fs.existsSync(dir) ? latestBackup(dir) : null
    if (latest === null) return fail(say('cli-backup-verify-none', { dir: values.dir }))
    archive = latest
  } else {
    archive = resolveUserPath(positionals[0]!)
    if (!fs.existsSync(archive)) return fail(say('cli-backup-verify-missing', { file: positionals[0]! }))
  }
  const result = await restoreDrill(archive)
  if (result.problems.length === 0) {
    process.stdout.write(
      `${say('cli-backup-verified', {
        file: result.file,
        tables: result.tables,
        responses: result.responses,
        surveys: result.surveys,
      })}\n`,
    )
    return 0
  }
  const lines = result.problems.map((p) => `  - ${say(p.code, p.params)}`)
  return fail(
    [say('cli-backup-verify-failed', { file: result.file, count: result.problems.length }), ...lines].join('\n'),
  )
}
