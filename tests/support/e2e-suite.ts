import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser.ts'
import { startServer, type ServerProcess } from './server-process.ts'

/**
 * The set-up every browser test file shares: one built server (the demo surveys, fresh data) and
 * one Chromium for the file, started before its tests and closed after them, the browser first.
 * `ready` receives both once they are up, as a file's own `let server` / `let browser` do.
 */
export function useServerAndBrowser(ready: (server: ServerProcess, browser: Browser) => void): void {
  let server: ServerProcess | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    ready(server, browser)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })
}
