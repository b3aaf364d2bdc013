import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { logIn } from '../support/api-client.ts'
import { fieldApp } from '../support/field-app.ts'
import { countRows, publishSurveyVariant } from '../support/field-fixtures.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import type { ServerProcess } from '../support/server-process.ts'

let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

const phone = () =>
  browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' })

/** Answers every screen with its first option, then opens the review. */
async function answerAll(page: Page) {
  const app = fieldApp(page)
  await app.byTest('q-progress').waitFor()
  const { total } = await app.position()
  for (let i = 1; i <= total; i++) await app.answerAndNext(0)
}

describe('online respondent with an access code', () => {
  it('answers on a phone, sees the thank-you; the code then says it is used; the server holds one online response', async () => {
    const survey = await publishSurveyVariant(server)
    const unit = survey.units[0]!
    const cookie = await logIn(server.url, 'admin', server.logins.get('admin')!)
    const res = await fetch(`${server.url}/api/codes/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        surveyId: survey.id,
        version: survey.version,
        unitId: unit.id,
        groupId: 'citizen',
        count: 1,
      }),
    })
    expect(res.status).toBe(201)
    const code = ((await res.json()) as { codes: { code: string }[] }).codes[0]!.code

    // Typed from the paper slip, in lower case with spaces, on /r.
    const context = await phone()
    const page = await context.newPage()
    const app = fieldApp(page)
    await page.goto(`${server.url}/r`)
    await app.byTest('respond-code-input').fill(code.toLowerCase().replace(/-/g, ' '))
    await app.byTest('respond-code-open').click()
    await page.waitForURL(`**/r/${code}`)
    expect(await app.byTest('logout').count()).toBe(0)
    expect(await app.byTest('outbox-count').count()).toBe(0)
    await answerAll(page)
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await app.byTest('respond-submit').click()
    await app.byTest('respond-thanks').waitFor()

    // The same link again in this browser: used, by this respondent.
    await page.goto(`${server.url}/r/${code}`)
    await app.byTest('respond-used-by-you').waitFor()
    await context.close()

    // On another phone: the server's "already used" message and what to do.
    const otherContext = await phone()
    const other = await otherContext.newPage()
    await other.goto(`${server.url}/r/${code}`)
    const problem = fieldApp(other).byTest('respond-problem')
    await problem.waitFor()
    expect(await problem.getAttribute('data-kind')).toBe('used')
    expect(await fieldApp(other).byTest('respond-server-message').textContent()).toMatch(
      /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
    )
    // A wrong code is told apart from a used one.
    await other.goto(`${server.url}/r/AAAA-BBBB-CCCC-DDDD`)
    await expect.poll(() => fieldApp(other).byTest('respond-problem').getAttribute('data-kind')).toBe('not-found')
    await otherContext.close()

    const db = new Database(server.dbFile, { readonly: true })
    expect(countRows(db, "SELECT COUNT(*) FROM responses WHERE channel = 'online'")).toBe(1)
    expect(countRows(db, 'SELECT COUNT(*) FROM responses')).toBe(1)
    db.close()
  })
})
