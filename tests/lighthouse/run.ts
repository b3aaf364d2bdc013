/**
 * Lighthouse on the real server: the log-in page and a questionnaire page (logged in, a draft on
 * the device). Prints the category scores; not part of `npm test` (scores vary by machine).
 *
 *   CHROME_PATH=/usr/bin/chromium pnpm lighthouse     (build the client first: pnpm build)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import lighthouse from 'lighthouse'
import defaultConfig from 'lighthouse/core/config/default-config.js'
import { chromium } from 'playwright-core'
import { CHROMIUM_PATH } from '../support/browser.ts'
import { fieldApp } from '../support/field-app.ts'
import { freePort, startServer } from '../support/server-process.ts'

const CHROME = process.env.CHROME_PATH ?? CHROMIUM_PATH
/** PWA left Lighthouse in 12.0; asked for only where the installed version still has it. */
const categories = [
  'performance',
  'accessibility',
  'best-practices',
  ...(defaultConfig.categories && 'pwa' in defaultConfig.categories ? ['pwa'] : []),
]

async function main(): Promise<void> {
  const server = await startServer()
  const debugPort = await freePort()
  // One persistent profile: Lighthouse's tabs share its cookie and IndexedDB (the draft).
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-lighthouse-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--remote-debugging-port=${debugPort}`,
    ],
  })
  const audit = async (name: string, url: string, keepStorage: boolean) => {
    const result = await lighthouse(url, {
      port: debugPort,
      output: 'json',
      logLevel: 'error',
      onlyCategories: categories,
      disableStorageReset: keepStorage,
    })
    const lhr = result?.lhr
    const scores = Object.values(lhr?.categories ?? {}).map(
      (c) => `${c.id} ${c.score === null ? '–' : Math.round(c.score * 100)}`,
    )
    const error = lhr?.runtimeError ? `  (error: ${lhr.runtimeError.code})` : ''
    return { version: lhr?.lighthouseVersion ?? '', row: `${name.padEnd(16)} ${scores.join('  ')}${error}` }
  }
  try {
    // The log-in page as a first-time visitor sees it (nothing cached yet).
    const login = await audit('login', `${server.url}/login`, false)
    const page = await context.newPage()
    const app = fieldApp(page)
    await page.goto(`${server.url}/login`)
    await app.logIn('surveyor', server.logins.get('surveyor')!)
    await app.start('par-2026-department', { unit: 'so-noi-vu', group: 'citizen' })
    const questionnaireUrl = page.url()
    await page.close()
    const questionnaire = await audit('questionnaire', questionnaireUrl, true)
    console.log(`Lighthouse ${login.version} (${categories.join(', ')}; mobile emulation, simulated throttling):`)
    console.log(`  ${login.row}`)
    console.log(`  ${questionnaire.row}`)
  } finally {
    await context.close()
    await server.stop()
  }
}

await main()
