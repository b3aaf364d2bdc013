import type { Survey } from '@parsurvey/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { logIn } from './api-client.ts'
import { fieldApp } from './field-app.ts'
import type { ServerProcess } from './server-process.ts'

/** GET a published survey as `cookie`. */
export async function getSurvey(url: string, cookie: string, id: string, version: number): Promise<Survey> {
  const res = await fetch(`${url}/api/surveys/${id}/versions/${version}`, { headers: { cookie } })
  if (!res.ok) throw new Error(`survey ${id}@${version}: ${res.status}`)
  return (await res.json()) as Survey
}

/** Publishes a survey as the admin (JSON upload). */
export async function publishSurvey(server: ServerProcess, survey: Survey): Promise<void> {
  const cookie = await logIn(server.url, 'admin', server.logins.get('admin')!)
  const res = await fetch(`${server.url}/api/surveys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(survey),
  })
  if (res.status !== 201) throw new Error(`publish ${survey.id}@${survey.version}: ${res.status} ${await res.text()}`)
}

/**
 * A copy of the demo department survey (version 2, or version 1 under another `id`) without a
 * round, so codes never expire whatever the date, optionally with `extra` citizen questions.
 */
export async function publishSurveyVariant(
  server: ServerProcess,
  options: { id?: string; extra?: number } = {},
): Promise<Survey> {
  const cookie = await logIn(server.url, 'admin', server.logins.get('admin')!)
  const { round: _round, ...base } = await getSurvey(server.url, cookie, 'par-2026-department', 1)
  const template = base.questions.find((q) => q.criterion && q.groups.includes('citizen'))!
  const extra = Array.from({ length: options.extra ?? 0 }, (_, i) => ({ ...template, id: `extra-${i + 1}` }))
  const survey: Survey = {
    ...base,
    id: options.id ?? base.id,
    version: options.id ? 1 : 2,
    questions: [...base.questions, ...extra],
  }
  await publishSurvey(server, survey)
  return survey
}

/** Logs a new page of `context` in as the surveyor and waits until the offline shell is ready. */
export async function surveyorPage(context: BrowserContext, server: ServerProcess): Promise<Page> {
  const page = await context.newPage()
  const app = fieldApp(page)
  await page.goto(server.url)
  await app.logIn('surveyor', server.logins.get('surveyor')!)
  await app.waitForOfflineShell()
  // The surveys are downloaded after log-in (with the validation code they need): a test that
  // goes offline next must wait for them, as a surveyor waits for the list before leaving.
  await page.locator('[data-testid^="survey-start-"]').first().waitFor()
  return page
}

/** Answers every question of the open questionnaire with its first option (or a text), then finishes. */
export async function answerToTheEnd(page: Page): Promise<void> {
  const app = fieldApp(page)
  const { current, total } = await app.position()
  for (let i = current; i <= total; i++) await app.answerAndNext(0)
  await app.byTest('q-finish').click()
}

export const countRows = (db: { prepare(sql: string): { pluck(): { get(): unknown } } }, sql: string) =>
  db.prepare(sql).pluck().get() as number
