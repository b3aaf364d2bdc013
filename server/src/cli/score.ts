import { CliInputError, text } from './cli-error.ts'
import { readScoringArgs, scoreFiles } from './score-files.ts'
import { scoresToCsv, scoresToJson } from './score-output.ts'

/**
 * `pnpm parsurvey score --survey F [--survey F …] --responses F.jsonl [--self F.csv] [--adjustments F.csv] [--format json|csv] [--skip-invalid]`
 *
 * Scores a survey from a JSON Lines file of responses (streamed) and prints the result on stdout.
 * Exit 0 on success; exit 2 on bad input (arguments, survey, self-assessment or adjustments file,
 * or any invalid response line unless --skip-invalid), and then nothing is printed on stdout.
 */
export async function run(args: string[]): Promise<number> {
  try {
    const { files, values } = readScoringArgs(args, { format: { type: 'string', default: 'json' } }, [], 'score-usage')
    if (values.format !== 'json' && values.format !== 'csv')
      throw new CliInputError([text('score-bad-format', { format: String(values.format ?? '') })])
    const { survey, scores } = await scoreFiles(files)
    process.stdout.write(values.format === 'csv' ? scoresToCsv(scores, survey) : scoresToJson(scores))
    return 0
  } catch (error) {
    if (!(error instanceof CliInputError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 2
  }
}
