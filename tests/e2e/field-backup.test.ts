import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { logIn, sendBatch } from '../support/api-client.ts'
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

const tabletContext = () =>
  browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'vi-VN', acceptDownloads: true })
const responseIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!

/** Clicks "export backup" and keeps the downloaded file. */
async function exportBackup(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), fieldApp(page).byTest('backup-export').click()])
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-backup-')), download.suggestedFilename())
  await download.saveAs(file)
  return file
}

describe('backup file', () => {
  it('carries a finished response and a draft to a fresh browser profile, which sends them; each is stored once', async () => {
    const tablet = await tabletContext()
    const page = await surveyorPage(tablet, server)
    const app = fieldApp(page)
    await tablet.setOffline(true)
    await app.start('par-2026-department', { unit: 'so-noi-vu', group: 'citizen' })
    const finishedId = responseIdOf(page)
    await answerToTheEnd(page)
    await app.start('par-2026-department', { unit: 'so-tu-phap', group: 'citizen' })
    const draftId = responseIdOf(page)
    await app.answerAndNext(0)
    await app.answerAndNext(0)
    await page.goto(server.url)
    const file = await exportBackup(page)
    const backup = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      drafts: { id: string }[]
      responses: { id: string }[]
    }
    expect(backup.drafts.map((d) => d.id)).toEqual([draftId])
    expect(backup.responses.map((r) => r.id)).toEqual([finishedId])

    // Another tablet (a fresh profile) imports the file and sends what was finished.
    const spare = await tabletContext()
    const sparePage = await surveyorPage(spare, server)
    const spareApp = fieldApp(sparePage)
    await spareApp.byTest('backup-file').setInputFiles(file)
    await expect.poll(() => spareApp.byTest('backup-message').textContent()).toContain('1')
    const db = new Database(server.dbFile, { readonly: true })
    const stored = () => db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as string[]
    await expect.poll(stored, { timeout: 20_000 }).toEqual([finishedId])

    // The imported draft goes on where it was and is finished there.
    await spareApp.byTest(`draft-resume-${draftId}`).click()
    await spareApp.byTest('q-progress').waitFor()
    expect((await spareApp.position()).current).toBe(3)
    await answerToTheEnd(sparePage)
    await expect.poll(stored, { timeout: 20_000 }).toEqual([finishedId, draftId].sort())

    // The same file again, and the first tablet back online: duplicates, nothing new stored.
    await spareApp.byTest('backup-file').setInputFiles(file)
    await expect.poll(() => spareApp.byTest('backup-message').textContent()).toMatch(/0 phiếu làm dở và 0 phiếu/)
    await tablet.setOffline(false)
    await expect.poll(() => app.outboxCount(), { timeout: 20_000 }).toBe(0)
    expect(countRows(db, 'SELECT COUNT(*) FROM responses')).toBe(2)
    db.close()
    await tablet.close()
    await spare.close()
  })

  it('a conflict is shown with the server’s reason and what to do, and the response stays on the device', async () => {
    const tablet = await tabletContext()
    const page = await surveyorPage(tablet, server)
    const app = fieldApp(page)
    await tablet.setOffline(true)
    await app.start('par-2026-department', { unit: 'so-xay-dung', group: 'citizen' })
    const id = responseIdOf(page)
    await answerToTheEnd(page)
    await app.byTest('outbox-count').waitFor()

    // Someone else sends a different response under the same id first (a copied tablet, a bad import…).
    const queued = await page.evaluate(async (wanted) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('parsurvey')
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      return new Promise<{ response: Record<string, unknown> }>((resolve) => {
        const get = db.transaction('outbox').objectStore('outbox').get(wanted)
        get.onsuccess = () => resolve(get.result as { response: Record<string, unknown> })
      })
    }, id)
    // Same id, same answers, another finishing time: other content.
    const altered = {
      ...queued.response,
      submittedAt: new Date(Date.parse(String(queued.response.submittedAt)) + 60_000).toISOString(),
    }
    const cookie = await logIn(server.url, 'surveyor', server.logins.get('surveyor')!)
    expect((await sendBatch(server.url, cookie, [altered])).results[0]!.status).toBe('stored')

    await tablet.setOffline(false)
    const refused = app.byTest(`refused-${id}`)
    await refused.waitFor({ timeout: 20_000 })
    expect(await refused.getAttribute('data-state')).toBe('conflict')
    expect((await refused.textContent())?.length).toBeGreaterThan(40)
    await app.byTest('refused-todo').waitFor()
    expect(await app.byTest(`sync-result-${id}`).getAttribute('data-status')).toBe('conflict')
    expect(await app.outboxCount()).toBe(0)

    // Kept: it is in the backup file, for the supervisor.
    const file = await exportBackup(page)
    const backup = JSON.parse(fs.readFileSync(file, 'utf8')) as { responses: { id: string }[] }
    expect(backup.responses.map((r) => r.id)).toEqual([id])
    await tablet.close()
  })
})
