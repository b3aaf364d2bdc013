import Database from 'better-sqlite3'
import type { InvitationOverview, ProgressReply } from '@parsurvey/shared'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import { countRows } from '../support/field-fixtures.ts'
import { registerPeople } from '../support/register-fixture.ts'
import { screenshotPath } from '../support/screenshots.ts'
import { adminApi, gridCell, importRegister, personalCodeOf, rateInGrid } from '../support/sitting-page.ts'
import type { ServerProcess } from '../support/server-process.ts'

const SURVEY = 'par-2026-department'
let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

/** A commune leader of the register fixture: rates five departments. */
const person = registerPeople()[18]!
const UNITS = ['so-noi-vu', 'so-tu-phap', 'so-tai-chinh', 'so-xay-dung', 'so-y-te']

const admin = (path: string, init?: RequestInit) => adminApi(server, path, init)

/** The register, imported once per file as an admin would (each test may run alone). */
let registered: Promise<void> | undefined
async function codeOf(email: string): Promise<string> {
  await (registered ??= importRegister(server, SURVEY))
  return personalCodeOf(server, SURVEY, email)
}

const wideScreen = () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
const phone = () =>
  browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'vi-VN' })

/**
 * Issue 13 item 6, at 360×640: the title takes at most a fifth of the screen, and the first
 * question's second option is in sight above the sticky navigation bar.
 */
async function fitsOnAPhone(page: Page, option: ReturnType<Page['locator']>) {
  const title = await page.locator('main h1').boundingBox()
  expect(title!.height).toBeLessThanOrEqual(640 / 5)
  const second = await option.boundingBox()
  const bar = await page.locator('nav.controls').boundingBox()
  expect(second!.y).toBeGreaterThan(title!.y)
  expect(second!.y + second!.height).toBeLessThanOrEqual(bar!.y)
}

const sentDrafts = () => {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true })
  try {
    return countRows(db, 'SELECT count(*) FROM sitting_drafts')
  } finally {
    db.close()
  }
}

/** At 1280 px: rates units in the grid, sends one, and finds the answers again after a reload. */
async function rateOnTheDesk(code: string) {
  const desk: BrowserContext = await wideScreen()
  const page = await desk.newPage()
  await page.goto(`${server.url}/r/${code}`)
  await page.getByTestId('sitting-grid').waitFor()
  const columns = await page
    .locator('[data-testid^="sitting-column-"]')
    .evaluateAll((cols) => cols.map((c) => c.getAttribute('data-testid')!.replace('sitting-column-', '')))
  expect(columns).toEqual(UNITS)
  // A delegate-only question is not in a commune leader's grid.
  expect(await page.getByTestId('sitting-question-q2').count()).toBe(0)

  // Three units rated; the first is sent. Its send action appears only once it is complete.
  expect(await page.getByTestId(`sitting-send-${UNITS[0]}`).count()).toBe(0)
  for (const unit of UNITS.slice(0, 3)) await rateInGrid(page, unit)
  await gridCell(page, 'q1', UNITS[3]!).nth(2).check()
  await page.getByTestId(`sitting-send-${UNITS[0]}`).click()
  await expect.poll(() => page.getByTestId(`sitting-status-${UNITS[0]}`).getAttribute('data-status')).toBe('sent')
  expect(await gridCell(page, 'q1', UNITS[0]!).first().isDisabled()).toBe(true)
  expect(await page.getByTestId(`sitting-status-${UNITS[3]}`).textContent()).toMatch(/Còn \d+ câu/)
  await page.screenshot({ path: screenshotPath('sitting-grid.png') })

  // Autosaved as the server's drafts of the three units not sent; nothing kept for the sent one.
  await expect.poll(sentDrafts, { timeout: 10_000 }).toBe(3)
  await page.reload()
  await page.getByTestId('sitting-grid').waitFor()
  expect(await gridCell(page, 'q1', UNITS[1]!).first().isChecked()).toBe(true)
  expect(await gridCell(page, 'q1', UNITS[3]!).nth(2).isChecked()).toBe(true)
  expect(await page.getByTestId(`sitting-status-${UNITS[0]}`).getAttribute('data-status')).toBe('sent')
  expect(await page.getByTestId('sitting-progress').getAttribute('data-done')).toBe('1')
  await desk.close()
}

/** At 360×640: goes unit by unit from the server drafts, finishes; the server has one response per unit. */
async function finishOnThePhone(code: string) {
  const context = await phone()
  const page = await context.newPage()
  await page.goto(`${server.url}/r/${code}`)
  await page.getByTestId('sitting-pager').waitFor()
  expect(await page.getByTestId('sitting-unit-name').textContent()).toBe('Sở Tư pháp')
  // Answers given on the other computer came back from the server's draft.
  expect(await page.locator('[data-question="q1"] input[type=radio]').first().isChecked()).toBe(true)
  await page.screenshot({ path: screenshotPath('sitting-phone.png') })
  await fitsOnAPhone(page, page.locator('[data-question] .option').nth(1))

  for (const unit of UNITS.slice(1)) {
    await page.getByTestId(`sitting-unit-${unit}`).waitFor()
    for (const question of await page.locator('[data-question]').all()) {
      const radios = question.locator('input[type=radio]')
      if ((await radios.count()) > 0 && !(await question.locator('input:checked').count())) await radios.first().check()
    }
    await page.getByTestId(`sitting-send-${unit}`).click()
    // Sent: the list of units says so, and the next unit not sent opens.
    const state = page.getByTestId(`sitting-go-${unit}`).locator('[data-status]')
    await expect.poll(() => state.getAttribute('data-status')).toBe('sent')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  }
  await page.getByTestId('sitting-finished').waitFor()
  expect(await page.getByTestId('sitting-progress').getAttribute('data-done')).toBe('5')
  await context.close()

  const progress = (await (await admin(`/api/progress?surveyId=${SURVEY}&version=1`)).json()) as ProgressReply
  for (const unit of UNITS)
    expect(progress.cells.find((c) => c.unitId === unit && c.groupId === 'commune-leader')?.responses, unit).toBe(1)
  const overview = (await (await admin(`/api/invitations/${SURVEY}`)).json()) as InvitationOverview
  expect(overview.people.find((p) => p.email === person.email)).toMatchObject({
    done: 5,
    total: 5,
    state: 'finished',
  })
  expect(sentDrafts()).toBe(0)

  // A unit already sent cannot be sent again, whatever is posted.
  const again = await fetch(`${server.url}/api/respond/${code}/units/${UNITS[0]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({
      id: randomUUID(),
      answers: {},
      startedAt: new Date().toISOString(),
      submittedAt: new Date().toISOString(),
    }),
  })
  expect(again.status).toBe(410)
}

describe('several units in one sitting, in Chromium', () => {
  it('is started in the grid on a computer and finished unit by unit on a phone from the server drafts', async () => {
    const code = await codeOf(person.email)
    await rateOnTheDesk(code)
    await finishOnThePhone(code)
  }, 300_000)
})

describe('a sitting without a network', () => {
  it('keeps the answers in the browser, says so, and saves them on the server when the network is back', async () => {
    const code = await codeOf(registerPeople()[19]!.email)
    const context = await wideScreen()
    const page = await context.newPage()
    await page.goto(`${server.url}/r/${code}`)
    await page.getByTestId('sitting-grid').waitFor()
    const before = sentDrafts()

    await context.setOffline(true)
    await gridCell(page, 'q1', 'so-y-te').nth(1).check()
    await page.getByTestId('sitting-offline').waitFor()
    expect(sentDrafts()).toBe(before)
    // A reload would need the network: the answer is already in IndexedDB, kept for the next visit.
    await context.setOffline(false)
    await page.getByTestId('sitting-offline').waitFor({ state: 'detached' })
    await expect.poll(sentDrafts, { timeout: 10_000 }).toBe(before + 1)

    const other = await (await wideScreen()).newPage()
    await other.goto(`${server.url}/r/${code}`)
    await other.getByTestId('sitting-grid').waitFor()
    expect(await gridCell(other, 'q1', 'so-y-te').nth(1).isChecked()).toBe(true)
    await other.context().close()
    await context.close()
  }, 120_000)
})

describe('the one-code questionnaire at 360×640', () => {
  it('keeps the title small and the second option clear of the navigation bar', async () => {
    const batch = await admin('/api/codes/batches', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ surveyId: SURVEY, version: 1, unitId: 'so-noi-vu', groupId: 'delegate', count: 1 }),
    })
    expect(batch.status).toBe(201)
    const [slip] = ((await batch.json()) as { codes: { code: string }[] }).codes
    const context = await phone()
    const page = await context.newPage()
    await page.goto(`${server.url}/r/${slip!.code}`)
    await page.getByTestId('q-progress').waitFor()
    await page.screenshot({ path: screenshotPath('respondent-phone.png') })
    await fitsOnAPhone(page, page.locator('.option').nth(1))
    await context.close()
  })
})
