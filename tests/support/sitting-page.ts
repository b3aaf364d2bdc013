import type { InvitationMessage } from '@parsurvey/shared'
import type { Page } from 'playwright-core'
import { signIn } from './e2e-suite.ts'
import { registerCsv, registerPeople } from './register-fixture.ts'
import type { ServerProcess } from './server-process.ts'

/** An admin's API call (same-origin, as the admin pages make it). */
export async function adminApi(server: ServerProcess, path: string, init: RequestInit = {}): Promise<Response> {
  const cookie = await signIn(server, 'admin')
  const headers = { cookie, origin: server.url, ...(init.headers as Record<string, string>) }
  return fetch(`${server.url}${path}`, { ...init, headers })
}

/** The 30-person register of the fixture imported for `survey`, as the admin page applies it. */
export async function importRegister(server: ServerProcess, survey: string): Promise<void> {
  const imported = await adminApi(server, `/api/respondents/${survey}/apply?fileName=danh-sach.csv`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: registerCsv(registerPeople()),
  })
  if (imported.status !== 201) throw new Error(`register import: ${imported.status} ${await imported.text()}`)
}

/** A person's personal code, from the ready message an admin copies for them. */
export async function personalCodeOf(server: ServerProcess, survey: string, email: string): Promise<string> {
  const reply = await adminApi(server, `/api/invitations/${survey}/messages`)
  const { messages } = (await reply.json()) as { messages: InvitationMessage[] }
  return messages.find((m) => m.email === email)!.code
}

/** The inputs of one question in one unit's column of the sitting's grid. */
export const gridCell = (page: Page, question: string, unit: string) =>
  page.locator(`input[name="${question}@${unit}"]`)

/** Every single-choice question asked in the unit's column of the grid gets its first option. */
export async function rateInGrid(page: Page, unit: string): Promise<void> {
  const questions = await page
    .locator('[data-testid^="sitting-question-"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.replace('sitting-question-', '')))
  for (const q of questions) {
    const radios = gridCell(page, q, unit)
    if ((await radios.count()) > 0 && (await radios.first().getAttribute('type')) === 'radio')
      await radios.first().check()
  }
}
