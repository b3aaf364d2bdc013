import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { DomainError, formatMessage, formatSurveyIssue } from '@parsurvey/shared'
import { publishSurveyText } from '../survey/publish.ts'
import { openCommandDatabase } from './database.ts'
import { printSurvey } from './survey-print.ts'
import { fromXlsx, toXlsx } from './survey-xlsx.ts'
import { resolveUserPath } from './survey-file.ts'

const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, 'en')

/**
 * `pnpm parsurvey survey publish <file> [--dry-run]`: validates a survey file and publishes it in
 * the server's database, exactly as `POST /api/surveys` does; `survey to-xlsx` / `from-xlsx`
 * convert between a survey file and its Excel workbook (survey-xlsx.ts); `survey print` writes
 * blank paper forms (survey-print.ts). Every problem is printed (stderr,
 * exit 1); a published version is never changed (exit 1 for other content under it).
 */
export async function run(args: string[]): Promise<number> {
  if (args[0] === 'print') return printSurvey(args.slice(1))
  let parsed
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } })
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${say('cli-survey-usage')}\n`)
    return 1
  }
  const [action, file, ...rest] = parsed.positionals
  if (action === 'to-xlsx' && file && rest.length === 1) return toXlsx(file, rest[0]!)
  if (action === 'from-xlsx' && file && rest.length === 0) return fromXlsx(file)
  if (action !== 'publish' || !file || rest.length > 0) {
    process.stderr.write(`${say('cli-survey-usage')}\n`)
    return 1
  }
  let text: string
  try {
    text = await readFile(resolveUserPath(file), 'utf8')
  } catch (error) {
    process.stderr.write(
      `${say('survey-file-unreadable', { fileName: file, detail: error instanceof Error ? error.message : String(error) })}\n`,
    )
    return 1
  }
  const opened = await openCommandDatabase('survey publish')
  if (!opened) return 1
  const { services } = opened
  try {
    const outcome = await publishSurveyText(services, text, file, { userId: null, dryRun: parsed.values['dry-run'] })
    if (!outcome.ok) {
      process.stderr.write(outcome.issues.map((issue) => `${formatSurveyIssue(issue, 'en', file)}\n`).join(''))
      return 1
    }
    const params = { id: outcome.survey.id, version: outcome.survey.version }
    const code = outcome.dryRun ? 'cli-survey-valid' : outcome.created ? 'cli-survey-published' : 'cli-survey-unchanged'
    process.stdout.write(`${say(code, params)}\n`)
    return 0
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    process.stderr.write(`${file}: ${error.message}\n`)
    return 1
  } finally {
    await opened.close()
  }
}
