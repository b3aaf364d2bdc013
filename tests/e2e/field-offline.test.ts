import Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { fieldApp } from '../support/field-app.ts'
import { answerToTheEnd, countRows, surveyorPage } from '../support/field-fixtures.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import type { ServerProcess } from '../support/server-process.ts'

let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
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
    // Back to the first tab (a background tab gets no animation frames in Chromium), which
    // takes the questionnaire back: it is finished and waiting, not lost.
    await page.bringToFront()
    await app.byTest('q-take-over').click()
    const finishedThere = app.byTest('q-finished')
    await expect.poll(() => finishedThere.textContent()).toContain('đang chờ gửi')
    await app.byTest('q-finished-home').click()
    await app.byTest('outbox-count').waitFor()

    // 3: a plain one, confirmed on the home page, and listed with the others waiting.
    await app.start('par-2026-department', { unit: 'so-y-te', group: 'citizen' })
    ids.push(responseIdOf(page.url()))
    await answerToTheEnd(page)
    await expect.poll(() => app.byTest('finished-notice').textContent()).toContain('Sở Y tế')
    expect(await app.byTest('finished-notice').textContent()).toContain('đang chờ gửi')
    await expect.poll(() => app.outboxCount()).toBe(3)
    for (const id of ids) await app.byTest(`waiting-${id}`).waitFor()

    const db = new Database(server.dbFile, { readonly: true })
    expect(countRows(db, 'SELECT COUNT(*) FROM responses')).toBe(0)
    await tablet.setOffline(false)
    await expect.poll(() => app.outboxCount(), { timeout: 20_000 }).toBe(0)
    const stored = db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as string[]
    expect(stored).toEqual([...ids].sort())
    // The receipts a surveyor can show a supervisor: what arrived, and when the server took it.
    await expect.poll(() => app.byTest('finished-notice').textContent()).toContain('Máy chủ đã nhận phiếu lúc')
    for (const id of ids)
      await expect.poll(() => app.byTest(`receipt-${id}`).textContent()).toContain('máy chủ nhận lúc')
    expect(await app.byTest('waiting-list').textContent()).toContain('Không có phiếu nào chờ gửi')
    await expect.poll(() => app.byTest('quota-row-so-noi-vu-citizen').getByTestId('quota-sent').textContent()).toBe('1')
    db.close()
    await tablet.close()
  })

  it('logging out offline with unsent work warns first; the surveyor logs in again offline and the work goes out once online', async () => {
    const tablet = await browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'vi-VN' })
    const page = await surveyorPage(tablet, server)
    const app = fieldApp(page)
    await tablet.setOffline(true)
    await app.start('par-2026-department', { unit: 'so-noi-vu', group: 'citizen' })
    const finished = responseIdOf(page.url())
    await answerToTheEnd(page)
    await app.start('par-2026-department', { unit: 'so-y-te', group: 'citizen' })
    await app.answerAndNext(0)
    await app.byTest('nav-home').click()

    await app.byTest('logout').click()
    const dialog = app.byTest('logout-confirm')
    await expect.poll(() => dialog.getByTestId('logout-responses').textContent()).toContain('1 phiếu')
    expect(await dialog.getByTestId('logout-drafts').textContent()).toContain('1 phiếu đang làm dở')
    expect(await dialog.textContent()).toContain('vẫn nằm trên máy này')
    expect(await dialog.getByTestId('logout-offline').textContent()).toContain('cả khi không có mạng')
    await dialog.getByTestId('logout-anyway').click()
    await app.byTest('login-submit').waitFor()

    const tryLogIn = async (username: string, password: string) => {
      await app.byTest('login-username').fill(username)
      await app.byTest('login-password').fill(password)
      await app.byTest('login-submit').click()
    }
    await tryLogIn('surveyor', 'not the password')
    await expect.poll(() => app.byTest('login-error').textContent()).toContain('Mật khẩu không đúng')
    await tryLogIn('analyst', server.logins.get('analyst')!)
    await expect.poll(() => app.byTest('login-error').textContent()).toContain('chưa đăng nhập lần nào trên máy này')
    await app.logIn('surveyor', server.logins.get('surveyor')!)
    expect(await app.outboxCount()).toBe(1)
    await app.byTest('survey-start-par-2026-department').waitFor()
    expect(await page.locator('[data-testid^="draft-resume-"]').count()).toBe(1)

    const db = new Database(server.dbFile, { readonly: true })
    await tablet.setOffline(false)
    await expect.poll(() => app.outboxCount(), { timeout: 20_000 }).toBe(0)
    expect(db.prepare('SELECT id FROM responses WHERE id = ?').pluck().get(finished)).toBe(finished)
    db.close()
    await tablet.close()
  })
})
