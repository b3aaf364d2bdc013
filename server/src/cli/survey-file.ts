import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { formatMessage, formatSurveyIssue, parseSurveyText, type Survey } from '@parsurvey/shared'

/** pnpm runs scripts from the workspace root; INIT_CWD is where the user typed the command. */
export function resolveUserPath(file: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), file)
}

export type LoadedSurvey = { ok: true; survey: Survey } | { ok: false; messages: string[] }

/**
 * Reads and validates a survey file named as the user typed it. Problems come back as English
 * lines prefixed with that name (`surveys/x.yaml: questions[3].criterion …`), never as exceptions.
 */
export async function loadSurveyFile(file: string): Promise<LoadedSurvey> {
  let text: string
  try {
    text = await readFile(resolveUserPath(file), 'utf8')
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, messages: [formatMessage('survey-file-unreadable', { fileName: file, detail }, 'en')] }
  }
  const result = parseSurveyText(text, file)
  if (result.ok) return result
  return { ok: false, messages: result.issues.map((issue) => formatSurveyIssue(issue, 'en', file)) }
}
