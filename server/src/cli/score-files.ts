import { parseArgs, type ParseArgsConfig } from 'node:util'
import { scoreSurvey, type Adjustment, type ScoringState, type Survey, type SurveyScores } from '@parsurvey/shared'
import { CliInputError, text } from './cli-error.ts'
import { oneDataSet, readDataSetResponses } from './score-data-set.ts'
import { readResponses } from './score-responses.ts'
import { readAdjustmentsFile, readSelfAssessmentFile, type SelfAssessmentInput } from './score-inputs.ts'
import { loadSurveyFile, resolveUserPath } from './survey-file.ts'

/** The options `score` and `report` share. */
const SCORING_OPTIONS = {
  // Several: versions of one data set (score-data-set.ts).
  survey: { type: 'string', multiple: true },
  responses: { type: 'string' },
  self: { type: 'string' },
  adjustments: { type: 'string' },
  'skip-invalid': { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options']

export type ScoringFiles = {
  surveys: string[]
  responses: string
  self: string | undefined
  adjustments: string | undefined
  skipInvalid: boolean
}

/**
 * Reads the command's arguments: the scoring options plus the command's own. A missing required
 * option or an unknown one is a usage error (exit 2 with `usageCode`'s text).
 */
export function readScoringArgs<T extends ParseArgsConfig['options']>(
  args: string[],
  extra: T,
  required: string[],
  usageCode: string,
) {
  let values: Record<string, string | string[] | boolean | undefined>
  try {
    values = parseArgs({ args, options: { ...SCORING_OPTIONS, ...extra }, strict: true, allowPositionals: false })
      .values as typeof values
  } catch (error) {
    throw new CliInputError([text('score-bad-arguments', { detail: reason(error) }), text(usageCode)])
  }
  for (const option of ['survey', 'responses', ...required]) {
    const value = values[option]
    if (!value || (Array.isArray(value) && value.length === 0))
      throw new CliInputError([text('score-missing-option', { option }), text(usageCode)])
  }
  const files: ScoringFiles = {
    surveys: (values.survey as string[]).map(String),
    responses: String(values.responses),
    self: values.self as string | undefined,
    adjustments: values.adjustments as string | undefined,
    skipInvalid: values['skip-invalid'] === true,
  }
  return { files, values }
}

export type Scored = {
  survey: Survey
  state: ScoringState
  scores: SurveyScores
  self: SelfAssessmentInput | undefined
  adjustments: Adjustment[] | undefined
}

/**
 * Loads the survey (several `--survey` files: the versions of one data set, read through the
 * newest), checks `--self` and `--adjustments` by the web app's import rules
 * (shared/src/score-inputs), streams the responses and scores them. Any bad input is a
 * CliInputError (exit 2) before anything is written.
 */
export async function scoreFiles(files: ScoringFiles): Promise<Scored> {
  const surveys: Survey[] = []
  for (const file of files.surveys) {
    const loaded = await loadSurveyFile(file)
    if (!loaded.ok) throw new CliInputError(loaded.messages)
    surveys.push(loaded.survey)
  }
  const survey = surveys.length === 1 ? surveys[0]! : oneDataSet(surveys)
  const self = files.self === undefined ? undefined : await readSelfAssessmentFile(files.self, survey)
  const adjustments = files.adjustments === undefined ? undefined : await readAdjustmentsFile(files.adjustments, survey)
  const report = (message: string): void => void process.stderr.write(`${message}\n`)
  const path = resolveUserPath(files.responses)
  const reading =
    surveys.length === 1 ? readResponses(path, survey, report) : readDataSetResponses(path, surveys, survey, report)
  const summary = await reading.catch((error: unknown) => {
    throw new CliInputError([text('score-unreadable-file', { file: files.responses, reason: reason(error) })])
  })
  if (summary.invalid > 0 && !files.skipInvalid)
    throw new CliInputError([text('score-invalid-stop', { count: summary.invalid })])
  if (summary.invalid > 0) report(text('score-invalid-skipped', { count: summary.invalid }))
  const scores = scoreSurvey(survey, summary.state, {
    ...(self ? { selfAssessment: self.values } : {}),
    ...(adjustments ? { adjustments } : {}),
  })
  return { survey, state: summary.state, scores, self, adjustments }
}

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
