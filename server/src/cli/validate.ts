import { parseArgs } from 'node:util'
import { formatMessage } from '@parsurvey/shared'
import { loadSurveyFile } from './survey-file.ts'

/**
 * `pnpm parsurvey validate <files…>`: checks survey definition files. Prints `✓ file (id vN)` for
 * each valid file and every problem of every invalid one (stderr); exit code 1 if any file fails.
 */
export async function run(args: string[]): Promise<number> {
  let files: string[]
  try {
    files = parseArgs({ args, allowPositionals: true, options: {} }).positionals
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n${formatMessage('survey-cli-usage', {}, 'en')}\n`,
    )
    return 1
  }
  if (files.length === 0) {
    process.stderr.write(`${formatMessage('survey-cli-usage', {}, 'en')}\n`)
    return 1
  }
  let failed = false
  for (const file of files) {
    const loaded = await loadSurveyFile(file)
    if (loaded.ok) {
      const { id, version } = loaded.survey
      process.stdout.write(`${formatMessage('survey-cli-valid', { fileName: file, id, version }, 'en')}\n`)
    } else {
      failed = true
      process.stderr.write(loaded.messages.map((line) => `${line}\n`).join(''))
    }
  }
  return failed ? 1 : 0
}
