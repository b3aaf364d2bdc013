import type { Page } from 'playwright-core'

/** Page actions of the field app, in the words of a surveyor (stable `data-testid` hooks). */
export function fieldApp(page: Page) {
  const byTest = (id: string) => page.getByTestId(id)
  return {
    byTest,
    async logIn(username: string, password: string) {
      await byTest('login-username').fill(username)
      await byTest('login-password').fill(password)
      await byTest('login-submit').click()
      await byTest('logout').waitFor()
      // The log-in page leaves only after it has refreshed the survey list; a click on the header
      // before that would be undone by its redirect.
      await page.waitForURL((url) => url.pathname !== '/login')
    },
    /** Waits until the service worker controls the page, so the shell is cached for offline use. */
    async waitForOfflineShell() {
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready
      })
      if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
        await page.reload()
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
      }
    },
    async start(surveyId: string, choice: { unit: string; group: string; location?: string }) {
      await byTest(`survey-start-${surveyId}`).click()
      await byTest('start-unit').selectOption(choice.unit)
      await byTest('start-group').selectOption(choice.group)
      if (choice.location) await byTest('start-location').selectOption(choice.location)
      await byTest('start-begin').click()
      await byTest('q-progress').waitFor()
    },
    /** "Câu 3/16" → { current: 3, total: 16 } */
    async position() {
      const text = (await byTest('q-progress').textContent()) ?? ''
      const [, current, total] = /(\d+)\s*\/\s*(\d+)/.exec(text) ?? []
      return { current: Number(current), total: Number(total) }
    },
    /**
     * Picks the option at `index` of the current question (when it has options) and goes on;
     * resolves once the next screen shows. The app ignores "next" while a move is under way (a
     * double tap must not skip a question), so a tap made before that would be lost.
     */
    async answerAndNext(index = 0) {
      const options = page.locator('input[type=radio][data-testid^="option-"]')
      if ((await options.count()) > 0) await options.nth(index).check()
      const before = await byTest('q-progress').textContent()
      await byTest('q-next').click()
      await page.waitForFunction(
        (text) => document.querySelector('[data-testid="q-progress"]')?.textContent !== text,
        before,
      )
    },
    async outboxCount() {
      return Number((await byTest('outbox-count').textContent())?.trim())
    },
  }
}
