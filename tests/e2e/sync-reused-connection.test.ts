import { generateResponses } from '@parsurvey/shared'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { demoSurvey } from '../support/crash-harness.ts'
import { fieldApp } from '../support/field-app.ts'
import { surveyorPage } from '../support/field-fixtures.ts'
import { startReuseCutProxy, type ReuseCut, type ReuseCutProxy } from '../support/reuse-cut-proxy.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'

let server: ServerProcess
let proxy: ReuseCutProxy
let browser: Browser
/**
 * The cuts still to make, in order, each on the next sync request sent on a reused connection.
 * Chromium resends a request whose reused connection closed before any answer (here within
 * tens of milliseconds, as a browser must: it cannot know whether the server acted on it), so
 * the same batch may reach the server again after it was stored: only the ids keep it once.
 */
const cuts: ReuseCut[] = ['before-server', 'after-commit', 'before-server', 'after-commit']

beforeAll(async () => {
  server = await startServer()
  proxy = await startReuseCutProxy({
    target: { host: '127.0.0.1', port: server.port },
    cut: (r) => (r.method === 'POST' && r.path === '/api/sync' ? (cuts.shift() ?? null) : null),
  })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await proxy?.close()
  await server?.stop()
})

describe('sync when a reused connection is closed under it', () => {
  it('a device whose keep-alive connections die before and after the server stores a batch sends again: every response stored once, none left waiting', async () => {
    // A week of work carried in from another tablet: 120 responses, three sync batches.
    const survey = demoSurvey()
    const responses = [...generateResponses(survey, 120, 'reused-connection')]
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-reuse-')), 'backup.json')
    const backup = {
      format: 'parsurvey-backup',
      version: 1,
      exportedAt: new Date().toISOString(),
      deviceId: 'other-tablet',
      username: 'surveyor',
      drafts: [],
      responses,
      surveys: [survey],
    }
    fs.writeFileSync(file, JSON.stringify(backup))

    const tablet = await browser.newContext({ locale: 'vi-VN' })
    const page = await surveyorPage(tablet, { ...server, url: proxy.url })
    const app = fieldApp(page)
    await app.byTest('backup-file').setInputFiles(file)
    await expect.poll(() => app.byTest('backup-message').textContent()).toContain('120')

    await expect.poll(() => app.outboxCount(), { timeout: 30_000 }).toBe(0)
    const syncs = proxy.log.filter((r) => r.method === 'POST' && r.path === '/api/sync')
    // Both cuts happened, on reused connections, and the device sent again after each.
    expect(syncs.filter((r) => r.cut).map((r) => [r.cut, r.nth >= 2])).toEqual([
      ['before-server', true],
      ['after-commit', true],
      ['before-server', true],
      ['after-commit', true],
    ])
    // Four cut attempts, then batch 1 again (answered "duplicate": it was stored twice over), 2, 3.
    expect(syncs.length).toBeGreaterThanOrEqual(7)

    const db = new Database(server.dbFile, { readonly: true })
    const stored = db.prepare('SELECT id FROM responses WHERE survey_id = ? ORDER BY id').pluck().all(survey.id)
    db.close()
    expect(stored).toEqual(responses.map((r) => r.id).sort())
    await tablet.close()
  })
})
