import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { DomainError, formatMessage, formatWorkbookIssue, validateWorkbook, type Survey } from '@parsurvey/shared'
import { paperPrint, readPaperQuery } from '../paper/print.ts'
import { readSurveyWorkbook } from '../survey/workbook-file.ts'
import { openCommandDatabase } from './database.ts'
import { resolveUserPath } from './survey-file.ts'
import { surveyOrProblems } from './survey-xlsx.ts'

const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, 'en')
const fail = (line: string) => {
  process.stderr.write(`${line}\n`)
  return 1
}

/**
 * `survey print --survey <id|file> [--unit u] [--group g] [--from N --count K] [--lang vi|en] --out f.pdf|f.html`:
 * blank paper questionnaires (paper/ in shared for the words, server/src/paper for the layout).
 * `--survey` is a survey file (YAML, JSON or XLSX), or the id of a survey published in
 * `$DATA_DIR` (its latest version). The PDF needs no browser. An existing file is never overwritten.
 */
export async function printSurvey(args: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      options: {
        survey: { type: 'string' },
        unit: { type: 'string' },
        group: { type: 'string' },
        from: { type: 'string' },
        count: { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string' },
      },
    }))
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${say('cli-survey-usage')}`)
  }
  const { survey: source, out } = values
  const format = out?.toLowerCase().endsWith('.pdf') ? 'pdf' : out?.toLowerCase().endsWith('.html') ? 'html' : null
  if (!source || !out || !format) return fail(say('cli-survey-usage'))
  let printed
  try {
    const request = readPaperQuery((name) => (name === 'format' ? format : values[name as keyof typeof values]), 'vi')
    const survey = await surveyFrom(source)
    if (!survey) return 1
    printed = { survey, ...(await paperPrint(survey, request)) }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return fail(error.toBody('en').error.message)
  }
  const { survey, bytes, copies } = printed
  try {
    await writeFile(resolveUserPath(out), bytes, { flag: 'wx' })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return fail(say('cli-survey-write-failed', { fileName: out, detail }))
  }
  process.stdout.write(
    `${say('cli-survey-print-written', { fileName: out, copies, id: survey.id, version: survey.version })}\n`,
  )
  return 0
}

/** A survey file when one is there, else the latest published version of that id. */
async function surveyFrom(source: string): Promise<Survey | undefined> {
  const path = resolveUserPath(source)
  if (existsSync(path)) {
    if (!source.toLowerCase().endsWith('.xlsx')) return surveyOrProblems(source)
    const sheets = await readSurveyWorkbook(await readFile(path))
    if (!Array.isArray(sheets)) return void fail(`${source}: ${say(sheets.code, sheets.params)}`)
    const result = validateWorkbook(sheets)
    if (result.ok) return result.survey
    return void fail(result.issues.map((issue) => `${source}: ${formatWorkbookIssue(issue, 'en')}`).join('\n'))
  }
  const opened = await openCommandDatabase('survey print')
  if (!opened) return undefined
  try {
    const survey = await opened.services.surveys.latest(source)
    if (!survey) return void fail(say('cli-survey-print-unknown', { survey: source }))
    return survey
  } finally {
    await opened.close()
  }
}
