import { readFile, writeFile } from 'node:fs/promises'
import { formatMessage, formatWorkbookIssue, surveyToYaml, validateWorkbook, type Survey } from '@parsurvey/shared'
import { readSurveyWorkbook, writeSurveyWorkbook } from '../survey/workbook-file.ts'
import { loadSurveyFile, resolveUserPath } from './survey-file.ts'

const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, 'en')
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** `survey to-xlsx <survey.yaml> <out.xlsx>`: the survey as an XLSForm workbook. */
export async function toXlsx(file: string, out: string): Promise<number> {
  const survey = await surveyOrProblems(file)
  if (!survey) return 1
  try {
    await writeFile(resolveUserPath(out), await writeSurveyWorkbook(survey), { flag: 'wx' })
  } catch (error) {
    process.stderr.write(`${say('cli-survey-write-failed', { fileName: out, detail: messageOf(error) })}\n`)
    return 1
  }
  process.stdout.write(`${say('cli-survey-xlsx-written', { fileName: out, id: survey.id, version: survey.version })}\n`)
  return 0
}

/** `survey from-xlsx <in.xlsx>`: the survey of a workbook as YAML on stdout, or every problem by cell (exit 1). */
export async function fromXlsx(file: string): Promise<number> {
  let bytes: Buffer
  try {
    bytes = await readFile(resolveUserPath(file))
  } catch (error) {
    process.stderr.write(`${say('survey-file-unreadable', { fileName: file, detail: messageOf(error) })}\n`)
    return 1
  }
  const sheets = await readSurveyWorkbook(bytes)
  if (!Array.isArray(sheets)) {
    process.stderr.write(`${file}: ${say(sheets.code, sheets.params)}\n`)
    return 1
  }
  const result = validateWorkbook(sheets)
  if (!result.ok) {
    process.stderr.write(result.issues.map((issue) => `${file}: ${formatWorkbookIssue(issue, 'en')}\n`).join(''))
    return 1
  }
  process.stdout.write(surveyToYaml(result.survey))
  return 0
}

/** The valid survey of a file, or undefined after printing its problems. */
export async function surveyOrProblems(file: string): Promise<Survey | undefined> {
  const loaded = await loadSurveyFile(file)
  if (loaded.ok) return loaded.survey
  process.stderr.write(loaded.messages.map((m) => `${m}\n`).join(''))
  return undefined
}
