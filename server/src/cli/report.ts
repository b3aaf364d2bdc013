import { readFile, writeFile } from 'node:fs/promises'
import { buildResultsPack, buildScorecards, type SurveyScores } from '@parsurvey/shared'
import { resultsDocument } from '../results/docx.ts'
import { parsePreviousScores } from '../results/previous.ts'
import { scorecardsDocument } from '../results/scorecards-docx.ts'
import { resultsWorkbook } from '../results/xlsx.ts'
import { CliInputError, text } from './cli-error.ts'
import { readScoringArgs, reason, scoreFiles } from './score-files.ts'
import { resolveUserPath } from './survey-file.ts'

/**
 * `pnpm parsurvey report --survey F --responses F.jsonl [--self F.csv] [--adjustments F.csv]
 *  [--previous scores.json] [--lang vi|en] [--skip-invalid] [--scorecards] --out results.xlsx|results.docx`
 *
 * Scores as `score` does and writes the results pack: the XLSX appendix or the DOCX draft report
 * (server/src/results), or with `--scorecards` the DOCX of one scorecard page per unit. An
 * existing file is never overwritten. Exit 2 on bad input.
 */
export async function run(args: string[]): Promise<number> {
  try {
    const { files, values } = readScoringArgs(
      args,
      {
        previous: { type: 'string' },
        out: { type: 'string' },
        lang: { type: 'string', default: 'vi' },
        scorecards: { type: 'boolean', default: false },
      },
      ['out'],
      'report-usage',
    )
    const out = String(values.out)
    const kind = /\.xlsx$/i.test(out) ? 'xlsx' : /\.docx$/i.test(out) ? 'docx' : null
    if (!kind) throw new CliInputError([text('report-bad-out', { file: out })])
    if (values.scorecards === true && kind !== 'docx')
      throw new CliInputError([text('report-scorecards-docx', { file: out })])
    if (values.lang !== 'vi' && values.lang !== 'en')
      throw new CliInputError([text('report-bad-lang', { lang: String(values.lang) })])
    const previous = typeof values.previous === 'string' ? await readPrevious(values.previous) : null
    const { survey, state, scores, self, adjustments } = await scoreFiles(files)
    const pack = buildResultsPack({
      survey,
      scores,
      state,
      selfDomains: self?.domains ?? {},
      adjustments: adjustments ?? [],
      previous,
      locale: values.lang,
    })
    const bytes =
      values.scorecards === true
        ? await scorecardsDocument(buildScorecards(pack, { survey, scores, state }))
        : kind === 'xlsx'
          ? await resultsWorkbook(pack)
          : await resultsDocument(pack)
    try {
      await writeFile(resolveUserPath(out), bytes, { flag: 'wx' })
    } catch (error) {
      throw new CliInputError([text('cli-survey-write-failed', { fileName: out, detail: reason(error) })])
    }
    process.stderr.write(`${text('report-written', { file: out, units: pack.rows.length })}\n`)
    return 0
  } catch (error) {
    if (!(error instanceof CliInputError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 2
  }
}

async function readPrevious(file: string): Promise<SurveyScores> {
  let content: string
  try {
    content = await readFile(resolveUserPath(file), 'utf8')
  } catch (error) {
    throw new CliInputError([text('score-unreadable-file', { file, reason: reason(error) })])
  }
  const parsed = parsePreviousScores(content)
  if (!parsed.ok) throw new CliInputError([text('report-bad-previous', { file, detail: parsed.detail })])
  return parsed.scores
}
