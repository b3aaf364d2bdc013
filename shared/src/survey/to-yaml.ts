import { stringify } from 'yaml'
import type { Survey } from './schema.ts'

/**
 * A survey as a YAML file in the format of surveys/README.md, without the values a reader fills in
 * anyway (`type: choice`, the default single choice; `options: []` on questions without options),
 * so a file made from a workbook reads like one written by hand. Parsing it gives the same survey.
 */
export function surveyToYaml(survey: Survey): string {
  const questions = survey.questions.map(({ type, options, ...rest }) => ({
    ...rest,
    ...(type === 'choice' ? {} : { type }),
    ...(options.length > 0 ? { options } : {}),
  }))
  return stringify({ ...survey, questions }, { lineWidth: 0 })
}
