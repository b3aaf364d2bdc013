import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { DomainError, formatMessage, type RegisterPreview } from '@parsurvey/shared'
import { applyRegister } from '../register/import.ts'
import { readRegisterTable } from '../register/read-register.ts'
import { openCommandDatabase } from './database.ts'
import { invite } from './respondents-invite.ts'
import { resolveUserPath } from './survey-file.ts'

const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, 'en')

/** The file's and its rows' errors or warnings, one line each: `file:line (column): message`. */
function issueLines(file: string, preview: RegisterPreview, kind: 'errors' | 'warnings'): string[] {
  const lines = preview[kind].map((e) => `${file}: ${e.message}`)
  for (const row of preview.rows)
    for (const e of row[kind]) lines.push(`${file}:${row.line} (${e.field}): ${e.message}`)
  return lines
}

/** Every problem of a refused register, one line each: `file:line (column): message`. */
export function registerProblems(file: string, preview: RegisterPreview): string {
  const lines = issueLines(file, preview, 'errors')
  return `${lines.join('\n')}\n${say('cli-respondents-row-errors', { count: preview.errorCount })}\n`
}

/**
 * `pnpm parsurvey respondents import --survey <id> <file>` or `respondents invite --survey <id>
 * [--remind] [--dry-run]` (respondents-invite.ts).
 */
export async function run(args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        survey: { type: 'string' },
        remind: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${say('cli-respondents-usage')}\n`)
    return 1
  }
  const [action, ...files] = parsed.positionals
  const { survey: surveyId, remind, 'dry-run': dryRun } = parsed.values
  if (action === 'invite') {
    if (!surveyId || files.length > 0) {
      process.stderr.write(`${say('cli-invite-usage')}\n`)
      return 1
    }
    return invite({ surveyId, remind, dryRun })
  }
  const [file, ...rest] = files
  if (action !== 'import' || !file || rest.length > 0 || !surveyId || remind || dryRun) {
    process.stderr.write(`${say('cli-respondents-usage')}\n`)
    return 1
  }
  return importRegister(surveyId, file)
}

/**
 * Imports a respondent register (CSV or XLSX) exactly as the admin page does: every row checked
 * first, nothing applied while any has an error (each printed with its line, exit 1); a summary
 * on success, and the warnings each with its line.
 */
async function importRegister(surveyId: string, file: string): Promise<number> {
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(resolveUserPath(file)))
  } catch (error) {
    process.stderr.write(`${file}: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
  const opened = await openCommandDatabase('respondents import', { codes: true })
  if (!opened) return 1
  const { services } = opened
  try {
    const table = await readRegisterTable(bytes, undefined)
    const outcome = await applyRegister(services, surveyId, table, { userId: null, source: file, locale: 'en' })
    if ('refused' in outcome) {
      process.stderr.write(registerProblems(file, outcome.refused))
      return 1
    }
    process.stdout.write(`${say('cli-respondents-imported', outcome.applied)}\n`)
    // Imported all the same, as on the admin page; a warning (an own unit not recognised…) is for a person to read.
    for (const line of issueLines(file, outcome.preview, 'warnings')) process.stderr.write(`${line}\n`)
    return 0
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 1
  } finally {
    await opened.close()
  }
}
