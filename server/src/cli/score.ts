import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { scoreSurvey, type Survey } from '@parsurvey/shared'
import { CliInputError, text } from './cli-error.ts'
import { readResponses } from './score-responses.ts'
import { scoresToCsv, scoresToJson } from './score-output.ts'
import { loadSurveyFile, resolveUserPath } from './survey-file.ts'

/**
 * `pnpm parsurvey score --survey F --responses F.jsonl [--self F.csv|F.xlsx] [--format json|csv] [--skip-invalid]`
 *
 * Scores a survey from a JSON Lines file of responses (streamed) and prints the result on stdout.
 * Exit 0 on success; exit 2 on bad input (arguments, survey, self-assessment file, or any invalid
 * response line unless --skip-invalid), and then nothing is printed on stdout.
 */
export async function run(args: string[]): Promise<number> {
  try {
    const options = readOptions(args)
    const survey = await loadSurvey(options.survey)
    const report = (message: string): void => void process.stderr.write(`${message}\n`)
    const self = options.self === undefined ? undefined : await readSelf(options.self, survey, report)
    const summary = await readResponses(resolveUserPath(options.responses), survey, report).catch((error: unknown) => {
      throw new CliInputError([text('score-unreadable-file', { file: options.responses, reason: reason(error) })])
    })
    if (summary.invalid > 0 && !options.skipInvalid)
      throw new CliInputError([text('score-invalid-stop', { count: summary.invalid })])
    if (summary.invalid > 0) report(text('score-invalid-skipped', { count: summary.invalid }))
    const scores = scoreSurvey(survey, summary.state, self ? { selfAssessment: self } : {})
    process.stdout.write(options.format === 'csv' ? scoresToCsv(scores, survey) : scoresToJson(scores))
    return 0
  } catch (error) {
    if (!(error instanceof CliInputError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 2
  }
}

type Options = {
  survey: string
  responses: string
  self: string | undefined
  format: 'json' | 'csv'
  skipInvalid: boolean
}

function readOptions(args: string[]): Options {
  let values
  try {
    values = parseArgs({
      args,
      options: {
        survey: { type: 'string' },
        responses: { type: 'string' },
        self: { type: 'string' },
        format: { type: 'string', default: 'json' },
        'skip-invalid': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new CliInputError([text('score-bad-arguments', { detail: reason(error) }), text('score-usage')])
  }
  for (const option of ['survey', 'responses'] as const) {
    if (!values[option]) throw new CliInputError([text('score-missing-option', { option }), text('score-usage')])
  }
  if (values.format !== 'json' && values.format !== 'csv')
    throw new CliInputError([text('score-bad-format', { format: values.format ?? '' })])
  return {
    survey: values.survey ?? '',
    responses: values.responses ?? '',
    self: values.self,
    format: values.format,
    skipInvalid: values['skip-invalid'] ?? false,
  }
}

async function loadSurvey(file: string): Promise<Survey> {
  const result = await loadSurveyFile(file)
  if (!result.ok) throw new CliInputError(result.messages)
  return result.survey
}

/**
 * The self-assessment file (named as the user typed it), read as the import page reads it; its
 * warnings go to stderr. Loaded on demand: the XLSX reader is not needed to score without one.
 */
async function readSelf(file: string, survey: Survey, report: (message: string) => void) {
  let bytes: Uint8Array
  try {
    bytes = await readFile(resolveUserPath(file))
  } catch (error) {
    throw new CliInputError([text('score-unreadable-file', { file, reason: reason(error) })])
  }
  const { parseSelfAssessment } = await import('./score-self.ts')
  const { values, warnings } = await parseSelfAssessment(bytes, file, survey)
  warnings.forEach(report)
  return values
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
