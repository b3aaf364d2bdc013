import { startSmtpServer, type TestSmtpServer } from '@parsurvey/server/testing/smtp'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser.ts'
import { startServer, type ServerProcess } from './server-process.ts'

/**
 * The set-up every browser test file shares: one built server (the demo surveys, fresh data) and
 * one Chromium for the file, started before its tests and closed after them, the browser first.
 * `ready` receives both once they are up, as a file's own `let server` / `let browser` do.
 */
export function useServerAndBrowser(
  ready: (server: ServerProcess, browser: Browser, smtp: TestSmtpServer | undefined) => void,
  options: { mail?: boolean } = {},
): void {
  let server: ServerProcess | undefined
  let browser: Browser | undefined
  let smtp: TestSmtpServer | undefined
  beforeAll(async () => {
    // With `mail`, a real SMTP server (server/src/testing/smtp.ts) receives what the app mails.
    if (options.mail) smtp = await startSmtpServer()
    const env: Record<string, string> = smtp ? { SMTP_URL: smtp.url, MAIL_FROM: MAIL_FROM } : {}
    server = await startServer({ env })
    browser = await launchBrowser()
    ready(server, browser, smtp)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await smtp?.close()
  })
}

/** The sender the app mails from when a suite asks for `mail`. */
export const MAIL_FROM = 'Sở Nội vụ tỉnh Sơn Hà <khaosat@sonha.gov.vn>'
