import { parseArgs } from 'node:util'
import { scoreSurvey, type Survey } from '@parsurvey/shared'
import { CliInputError, text } from './cli-error.ts'
import { readResponses } from './score-responses.ts'
import { scoresToCsv, scoresToJson } from './score-output.ts'
import { readAdjustmentsFile, readSelfAssessmentFile } from './score-inputs.ts'
import { loadSurveyFile, resolveUserPath } from './survey-file.ts'

/**
 * `pnpm parsurvey score --survey F --responses F.jsonl [--self F.csv] [--adjustments F.csv] [--format json|csv] [--skip-invalid]`
 *
 * Scores a survey from a JSON Lines file of responses (streamed) and prints the result on stdout.
 * Exit 0 on success; exit 2 on bad input (arguments, survey, self-assessment CSV, or any invalid
 * response line unless --skip-invalid), and then nothing is printed on stdout. `--self` and
 * `--adjustments` are checked by the web app's import rules (shared/src/score-inputs).
 */
export async function run(args: string[]): Promise<number> {
  try {
    const options = readOptions(args)
    const survey = await loadSurvey(options.survey)
    const self = options.self === undefined ? undefined : await readSelfAssessmentFile(options.self, survey)
    const adjustments =
      options.adjustments === undefined ? undefined : await readAdjustmentsFile(options.adjustments, survey)
    const report = (message: string): void => void process.stderr.write(`${message}\n`)
    const summary = await readResponses(resolveUserPath(options.responses), survey, report).catch((error: unknown) => {
      throw new CliInputError([text('score-unreadable-file', { file: options.responses, reason: reason(error) })])
    })
    if (summary.invalid > 0 && !options.skipInvalid)
      throw new CliInputError([text('score-invalid-stop', { count: summary.invalid })])
    if (summary.invalid > 0) report(text('score-invalid-skipped', { count: summary.invalid }))
    const scores = scoreSurvey(survey, summary.state, {
      ...(self ? { selfAssessment: self.values } : {}),
      ...(adjustments ? { adjustments } : {}),
    })
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
  adjustments: string | undefined
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
        adjustments: { type: 'string' },
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
    adjustments: values.adjustments,
    format: values.format,
    skipInvalid: values['skip-invalid'] ?? false,
  }
}

async function loadSurvey(file: string): Promise<Survey> {
  const result = await loadSurveyFile(file)
  if (!result.ok) throw new CliInputError(result.messages)
  return result.survey
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
