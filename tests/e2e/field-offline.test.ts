import Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { fieldApp } from '../support/field-app.ts'
import { answerToTheEnd, countRows, surveyorPage } from '../support/field-fixtures.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'

let server: ServerProcess
let browser: Browser
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const responseIdOf = (url: string) => new URL(url).pathname.split('/').pop()!

describe('field app offline', () => {
  it('after the first visit, a new page opened offline on the app address is logged in, lists the surveys and starts a questionnaire', async () => {
    const tablet = await browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'vi-VN' })
    const first = await surveyorPage(tablet, server)
    await fieldApp(first).byTest('survey-start-par-2026-department').waitFor()
    await first.close()

    await tablet.setOffline(true)
    const page = await tablet.newPage()
    // Back to the first tab (a background tab gets no animation frames in Chromium).
    await page.bringToFront()
    await page.goto(server.url)
    const app = fieldApp(page)
    await app.byTest('logout').waitFor()
    await app.byTest('survey-start-par-2026-commune').waitFor()
    await app.start('par-2026-department', { unit: 'so-tai-chinh', group: 'citizen' })
    expect((await app.position()).current).toBe(1)
    await tablet.close()
  })

  it('three questionnaires filled offline (one reloaded mid-way, one handed between two tabs) reach the server once each', async () => {
    const tablet = await browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'vi-VN' })
    const page = await surveyorPage(tablet, server)
    const app = fieldApp(page)
    await tablet.setOffline(true)
    const ids: string[] = []

    // 1: reload in the middle, go on where it was.
    await app.start('par-2026-department', { unit: 'so-noi-vu', group: 'citizen' })
    ids.push(responseIdOf(page.url()))
    for (let i = 0; i < 5; i++) await app.answerAndNext(1)
    await page.reload()
    await app.byTest('q-progress').waitFor()
    expect((await app.position()).current).toBe(6)
    await answerToTheEnd(page)
    await app.byTest('outbox-count').waitFor()

    // 2: opened in a second tab, which is told and then takes it over safely.
    await app.start('par-2026-department', { unit: 'so-noi-vu', group: 'business' })
    const url = page.url()
    ids.push(responseIdOf(url))
    await app.answerAndNext(0)
    await app.answerAndNext(0)
    const second = await tablet.newPage()
    const other = fieldApp(second)
    await second.goto(url)
    await other.byTest('q-other-tab').waitFor()
    await other.byTest('q-take-over').click()
    await other.byTest('q-progress').waitFor()
    expect((await other.position()).current).toBe(3)
    await app.byTest('q-other-tab').waitFor()
    await answerToTheEnd(second)
    await other.byTest('outbox-count').waitFor()
    // Back to the first tab (a background tab gets no animation frames in Chromium).
    await page.bringToFront()
    await page.goto(server.url)

    // 3: a plain one.
    await app.start('par-2026-department', { unit: 'so-y-te', group: 'citizen' })
    ids.push(responseIdOf(page.url()))
    await answerToTheEnd(page)
    await expect.poll(() => app.outboxCount()).toBe(3)

    const db = new Database(server.dbFile, { readonly: true })
    expect(countRows(db, 'SELECT COUNT(*) FROM responses')).toBe(0)
    await tablet.setOffline(false)
    await expect.poll(() => app.outboxCount(), { timeout: 20_000 }).toBe(0)
    const stored = db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as string[]
    expect(stored).toEqual([...ids].sort())
    await expect.poll(() => app.byTest('quota-row-so-noi-vu-citizen').getByTestId('quota-sent').textContent()).toBe('1')
    db.close()
    await tablet.close()
  })
})
