import type { RegisterEntry } from '@parsurvey/shared'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logIn } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { fieldApp } from '../support/field-app.ts'
import { brokenRegister, registerCsv, registerPeople } from '../support/register-fixture.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'

const SURVEY = 'par-2026-department'

let server: ServerProcess
let browser: Browser
let desk: BrowserContext
let page: Page
let adminCookie: string

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  adminCookie = await logIn(server.url, 'admin', server.logins.get('admin')!)
  desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
  page = await desk.newPage()
  await page.goto(server.url)
  await fieldApp(page).logIn('admin', server.logins.get('admin')!)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const byTest = (id: string) => page.getByTestId(id)
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })
const register = async () =>
  (
    (await (await fetch(`${server.url}/api/respondents/${SURVEY}`, { headers: { cookie: adminCookie } })).json()) as {
      respondents: RegisterEntry[]
    }
  ).respondents

describe('the respondent register in Chromium', () => {
  it('shows the two bad rows of a 30-person list, imports nothing, then imports the fixed list', async () => {
    await page.goto(`${server.url}/admin/respondents`)
    await byTest('register-survey').selectOption(`${SURVEY}@1`)
    await byTest('register-empty').waitFor()

    const broken = brokenRegister()
    await byTest('register-file').setInputFiles(csv('danh-sach.csv', broken.csv))
    await page.locator('[data-testid=register-summary].error').waitFor()
    const bad = page.locator('[data-testid=register-row]:not([data-errors=""])')
    expect(await bad.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-line'))))).toEqual(
      broken.badLines,
    )
    expect(await bad.nth(0).getByTestId('register-row-error').textContent()).toContain('dai-bieu-quoc-hoi')
    expect(await bad.nth(1).getByTestId('register-row-error').textContent()).toContain('nguoi12@')
    expect(await page.getByTestId('register-row').count()).toBe(30)
    expect(await byTest('register-apply').isDisabled()).toBe(true)
    expect(await register()).toEqual([])

    await byTest('register-file').setInputFiles(csv('danh-sach-da-sua.csv', registerCsv(registerPeople())))
    await page.locator('[data-testid=register-summary].notice').waitFor()
    await byTest('register-apply').click()
    await byTest('register-applied').waitFor()
    expect(await byTest('register-applied').textContent()).toContain('30 người mới')
    await page.getByTestId('register-person').nth(29).waitFor()
    const people = await register()
    expect(people).toHaveLength(30)
    // A department leader never rates their own department.
    const leader = people.find((p) => p.organisation === 'Sở Y tế')!
    expect(leader.ownUnitId).toBe('so-y-te')
    expect(leader.units).not.toContain('so-y-te')

    // The same list again changes nobody.
    await byTest('register-file').setInputFiles(csv('danh-sach-da-sua.csv', registerCsv(registerPeople())))
    await page.locator('[data-testid=register-summary].notice').waitFor()
    expect(await byTest('register-summary').textContent()).toContain('30 không đổi')
  })
})
