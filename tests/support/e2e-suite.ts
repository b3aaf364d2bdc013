import { startSmtpServer, type TestSmtpServer } from '@parsurvey/server/testing/smtp'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { logIn } from './api-client.ts'
import { launchBrowser } from './browser.ts'
import { fieldApp } from './field-app.ts'
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

/** What an office test file works with once its desk is open (see `useDesk`). */
export type Desk = {
  server: ServerProcess
  browser: Browser
  /** A 1280×900 Vietnamese page, signed in as the desk's role, on the app's start page. */
  page: Page
  /** The same role's session cookie, for the API calls a test makes beside the page. */
  cookie: string
  /** The SMTP server that receives the app's mail, with `mail`. */
  smtp: TestSmtpServer | undefined
}

/** A demo account `startServer` prints a password for. */
export type DemoRole = 'admin' | 'analyst' | 'supervisor' | 'surveyor'

/** The role's session cookie for API calls (the demo account's printed password). */
export function signIn(server: ServerProcess, role: DemoRole): Promise<string> {
  return logIn(server.url, role, server.logins.get(role)!)
}

/**
 * The set-up of the office's browser tests (admin, register, invitations, analysis): the built server
 * with the demo surveys published, Chromium, then, after `prepare` (data the page should find
 * already there), a 1280×900 vi-VN page signed in as `role` (admin unless told) and its API cookie.
 */
export function useDesk(
  ready: (desk: Desk) => void,
  options: { role?: DemoRole; mail?: boolean; prepare?: (server: ServerProcess) => Promise<void> } = {},
): void {
  const role = options.role ?? 'admin'
  let server: ServerProcess
  let browser: Browser
  let smtp: TestSmtpServer | undefined
  useServerAndBrowser(
    (s, b, mail) => {
      server = s
      browser = b
      smtp = mail
    },
    { mail: options.mail },
  )
  beforeAll(async () => {
    await options.prepare?.(server)
    const cookie = await signIn(server, role)
    const page = await openDesk(server, browser, role)
    ready({ server, browser, page, cookie, smtp })
  })
}

/** A page of its own browser context at an office desk (1280×900, vi-VN), signed in as `role`. */
export async function openDesk(server: ServerProcess, browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
  const page = await context.newPage()
  await page.goto(server.url)
  await fieldApp(page).logIn(role, server.logins.get(role)!)
  return page
}

/** A CSV file for `setInputFiles`, as a user would pick it. */
export function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') }
}
