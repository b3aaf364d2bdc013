import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { fieldApp } from '../support/field-app.ts'
import { publishSurveyVariant, surveyorPage } from '../support/field-fixtures.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import type { ServerProcess } from '../support/server-process.ts'

/**
 * Measurements printed to the log, never asserted (timings depend on the machine): autosave time
 * per answer (tap → IndexedDB commit) and the time to open a 40-question questionnaire.
 */
let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

describe('field app measurements', () => {
  it('prints autosave p50/p95 over 120 answers and the opening time of a 40-question questionnaire', async () => {
    const base = await publishSurveyVariant(server, { id: 'bench-40' })
    const citizenQuestions = base.questions.filter((q) => q.groups.includes('citizen')).length
    const survey = await publishSurveyVariant(server, { id: 'bench-40b', extra: 40 - citizenQuestions })
    const tablet = await browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'vi-VN' })
    const page = await surveyorPage(tablet, server)
    const app = fieldApp(page)
    const unit = survey.units[0]!
    await app.start(survey.id, { unit: unit.id, group: 'citizen' })
    expect((await app.position()).total).toBe(40)

    // Three passes: forward, back, forward again, tapping an option on every screen.
    const tap = async (index: number) => {
      const options = page.locator('input[type=radio][data-testid^="option-"]')
      if ((await options.count()) > index) await options.nth(index).check()
      else await page.locator('[data-testid=answer-text]').fill(`ghi chú ${index}`)
    }
    // A move runs one at a time (a tap during the previous move is ignored, as a double tap must
    // be), so each step waits until the screen shows the question it moved to.
    const move = async (button: 'q-next' | 'q-prev', to: number) => {
      await app.byTest(button).click()
      await app
        .byTest('q-progress')
        .filter({ hasText: new RegExp(`\\b${to}\\s*/`) })
        .waitFor()
    }
    for (let i = 0; i < 40; i++) {
      await tap(0)
      if (i < 39) await move('q-next', i + 2)
    }
    for (let i = 0; i < 40; i++) {
      await tap(1)
      if (i < 39) await move('q-prev', 39 - i)
    }
    for (let i = 0; i < 40; i++) {
      await tap(0)
      if (i < 39) await move('q-next', i + 2)
    }
    const autosave = (
      await page.evaluate(() => performance.getEntriesByName('parsurvey:autosave').map((e) => e.duration))
    ).sort((a, b) => a - b)
    expect(autosave.length).toBeGreaterThanOrEqual(100)

    // Opening the questionnaire in a fresh page load (app shell from the service worker cache).
    const url = page.url()
    const opens: number[] = []
    for (let i = 0; i < 5; i++) {
      await page.goto(url)
      await app.byTest('q-progress').waitFor()
      await page.waitForFunction(() => performance.getEntriesByName('parsurvey:questionnaire-open').length > 0)
      opens.push(await page.evaluate(() => performance.getEntriesByName('parsurvey:questionnaire-open')[0]!.startTime))
    }
    opens.sort((a, b) => a - b)
    const ms = (n: number) => `${n.toFixed(1)} ms`
    console.log(
      `[measure] autosave tap→IndexedDB commit over ${autosave.length} answers: p50 ${ms(percentile(autosave, 50))}, p95 ${ms(percentile(autosave, 95))}, max ${ms(autosave.at(-1)!)}`,
    )
    console.log(
      `[measure] open a 40-question questionnaire (page load → first question shown), 5 loads: median ${ms(percentile(opens, 50))}, max ${ms(opens.at(-1)!)}`,
    )
    await tablet.close()
  })
})
