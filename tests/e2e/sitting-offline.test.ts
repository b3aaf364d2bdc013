import Database from 'better-sqlite3'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import { fieldApp } from '../support/field-app.ts'
import { countRows } from '../support/field-fixtures.ts'
import { registerPeople } from '../support/register-fixture.ts'
import { screenshotPath } from '../support/screenshots.ts'
import { gridCell, importRegister, personalCodeOf, rateInGrid } from '../support/sitting-page.ts'
import type { ServerProcess } from '../support/server-process.ts'

const SURVEY = 'par-2026-department'
let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

/** A commune leader of the register fixture: rates five departments. */
const person = registerPeople()[20]!
const GROUP = 'commune-leader'
const UNITS = ['so-noi-vu', 'so-tu-phap', 'so-tai-chinh', 'so-xay-dung', 'so-y-te']

/** The register imported as an admin would, and the person's code from the message copied for them. */
async function personalCode(): Promise<string> {
  await importRegister(server, SURVEY)
  return personalCodeOf(server, SURVEY, person.email)
}

function query(sql: string, ...params: string[]): number {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true })
  try {
    return params.length
      ? (db
          .prepare(sql)
          .pluck()
          .get(...params) as number)
      : countRows(db, sql)
  } finally {
    db.close()
  }
}
const responsesFor = (unit: string) =>
  query('SELECT count(*) FROM responses WHERE unit_id = ? AND group_id = ?', unit, GROUP)
const draftsKept = () => query('SELECT count(*) FROM sitting_drafts')

const status = (page: Page, unit: string) => page.getByTestId(`sitting-status-${unit}`).getAttribute('data-status')

/** What this browser keeps of sittings (IndexedDB, read as any script of the site could). */
const keptSittings = (page: Page) =>
  page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name!)
    let count = 0
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      if (db.objectStoreNames.contains('sittings')) {
        count += await new Promise<number>((resolve, reject) => {
          const request = db.transaction('sittings').objectStore('sittings').count()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
      }
      db.close()
    }
    return count
  })

/** A new page load of the personal link (not a navigation inside the app), brought to the front. */
async function openCold(context: BrowserContext, code: string): Promise<Page> {
  const page = await context.newPage()
  await page.bringToFront()
  await page.goto(`${server.url}/r/${code}`)
  await page.getByTestId('sitting-grid').waitFor()
  return page
}

describe('a sitting reloaded cold without a network', () => {
  it('opens from the service worker and the browser copy, goes on, and sends once when the network is back', async () => {
    const code = await personalCode()
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
    let page = await openCold(desk, code)
    await fieldApp(page).waitForOfflineShell()
    await page.getByTestId('sitting-grid').waitFor()

    // Online: one unit sent, a second one half done and autosaved.
    await rateInGrid(page, UNITS[0]!)
    await page.getByTestId(`sitting-send-${UNITS[0]}`).click()
    await expect.poll(() => status(page, UNITS[0]!)).toBe('sent')
    await gridCell(page, 'q1', UNITS[1]!).nth(2).check()
    await expect.poll(draftsKept, { timeout: 10_000 }).toBe(1)

    // The network goes away; the page is closed and the link opened again, cold.
    await desk.setOffline(true)
    await page.close()
    page = await openCold(desk, code)
    await page.getByTestId('sitting-offline').waitFor()
    expect(await page.getByTestId('sitting-offline').textContent()).toMatch(/Ông\/Bà.*trên máy này/)
    expect(await status(page, UNITS[0]!)).toBe('sent')
    expect(await gridCell(page, 'q1', UNITS[0]!).first().isDisabled()).toBe(true)
    expect(await gridCell(page, 'q1', UNITS[1]!).nth(2).isChecked()).toBe(true)
    expect(await page.getByTestId('sitting-progress').getAttribute('data-done')).toBe('1')

    // Still offline: the official keeps answering, and asks to send a complete unit.
    await rateInGrid(page, UNITS[2]!)
    await gridCell(page, 'q1', UNITS[3]!).nth(1).check()
    await page.getByTestId(`sitting-send-${UNITS[2]}`).click()
    await expect.poll(() => status(page, UNITS[2]!)).toBe('sending')
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: screenshotPath('sitting-offline.png') })
    // Reloaded cold once more while offline: the send asked for and the new answers are still here.
    await page.close()
    page = await openCold(desk, code)
    expect(await status(page, UNITS[2]!)).toBe('sending')
    expect(await gridCell(page, 'q1', UNITS[3]!).nth(1).isChecked()).toBe(true)
    expect(responsesFor(UNITS[2]!)).toBe(0)

    // The network is back: the unit is sent and acknowledged, the drafts saved, the notice gone.
    await desk.setOffline(false)
    await expect.poll(() => status(page, UNITS[2]!), { timeout: 15_000 }).toBe('sent')
    await page.getByTestId('sitting-offline').waitFor({ state: 'detached' })
    await expect.poll(draftsKept, { timeout: 10_000 }).toBe(2)
    expect(responsesFor(UNITS[2]!)).toBe(1)

    // A reload online does not send it a second time.
    await page.reload()
    await page.getByTestId('sitting-grid').waitFor()
    expect(await status(page, UNITS[2]!)).toBe('sent')
    expect(responsesFor(UNITS[0]!)).toBe(1)
    expect(responsesFor(UNITS[2]!)).toBe(1)

    // Finished: nothing of the sitting stays on this (perhaps shared) computer.
    expect(await keptSittings(page)).toBe(1)
    for (const unit of [UNITS[1]!, UNITS[3]!, UNITS[4]!]) {
      await rateInGrid(page, unit)
      await page.getByTestId(`sitting-send-${unit}`).click()
      await expect.poll(() => status(page, unit)).toBe('sent')
    }
    await page.getByTestId('sitting-finished').waitFor()
    await expect.poll(() => keptSittings(page)).toBe(0)
    for (const unit of UNITS) expect(responsesFor(unit), unit).toBe(1)
    expect(draftsKept()).toBe(0)
    await desk.close()
  }, 180_000)
})
