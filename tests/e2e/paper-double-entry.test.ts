import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { logIn } from '../support/api-client.ts'
import { fieldApp } from '../support/field-app.ts'
import { publishSurvey } from '../support/field-fixtures.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import type { ServerProcess } from '../support/server-process.ts'
import { typedSurvey } from '../support/typed-survey.ts'

/**
 * Double entry of paper forms through the screens (docs/paper-forms.md): the admin turns it on
 * for a survey on the surveys page.
 */
const SURVEY = 'test-2025-typed'
let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})
beforeAll(() => publishSurvey(server, typedSurvey(SURVEY)))

const setting = async (): Promise<boolean> => {
  const cookie = await logIn(server.url, 'analyst', server.logins.get('analyst')!)
  const res = await fetch(`${server.url}/api/surveys/${SURVEY}/double-entry`, { headers: { cookie } })
  return ((await res.json()) as { enabled: boolean }).enabled
}

async function signedIn(username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' })
  const page = await context.newPage()
  await page.goto(server.url)
  await fieldApp(page).logIn(username, server.logins.get(username)!)
  return page
}

describe('double entry of paper forms in Chromium', () => {
  it('the admin turns double entry on for one survey on the surveys page, and it stays on', async () => {
    const page = await signedIn('admin')
    await page.goto(`${server.url}/admin/surveys`)
    const state = page.getByTestId(`double-entry-state-${SURVEY}`)
    await expect.poll(() => state.textContent()).toContain('Đang tắt')
    expect(await setting()).toBe(false)

    await page.getByTestId(`double-entry-switch-${SURVEY}`).check()
    await expect.poll(() => state.textContent()).toContain('Đã lưu')
    expect(await state.textContent()).toContain('Đang bật')
    expect(await setting()).toBe(true)
    // Another survey's switch is untouched.
    expect(await page.getByTestId('double-entry-state-par-2026-department').textContent()).toContain('Đang tắt')

    await page.reload()
    await expect.poll(() => state.textContent()).toContain('Đang bật')
    expect(await page.getByTestId(`double-entry-switch-${SURVEY}`).isChecked()).toBe(true)
    await page.context().close()
  })
})
