import { isSingleChoice, generateResponses, type Response, type Survey } from '@parsurvey/shared'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { logIn, sendBatch } from '../support/api-client.ts'
import { fieldApp } from '../support/field-app.ts'
import { screenshotPath } from '../support/screenshots.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import type { ServerProcess } from '../support/server-process.ts'

const SURVEY = 'par-2026-department'
const UNIT = 'so-noi-vu'

let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

type Scores = { units: { unitId: string; responses: number }[] }

describe('data quality in Chromium', () => {
  it('a supervisor voids a straight-lined response with a reason, and it stops counting', async () => {
    const surveyor = await logIn(server.url, 'surveyor', server.logins.get('surveyor')!)
    const admin = await logIn(server.url, 'admin', server.logins.get('admin')!)
    const survey = (await (
      await fetch(`${server.url}/api/surveys/${SURVEY}/versions/1`, { headers: { cookie: surveyor } })
    ).json()) as Survey
    const group = survey.groups.find((g) => g.id === 'citizen')!
    const scored = survey.questions.filter(
      (q) => q.criterion !== undefined && isSingleChoice(q) && q.groups.includes(group.id),
    )
    expect(scored.length).toBeGreaterThanOrEqual(8)
    const responses: Response[] = [...generateResponses(survey, 400, 'quality-e2e')]
      .filter((r) => r.groupId === group.id)
      .slice(0, 6)
      .map(({ paperSerial: _serial, ...r }) => ({ ...r, unitId: UNIT, locationId: null, channel: 'field' }))
    // Ticks the first option of every scored question: the pattern the flag looks for.
    const liner: Response = {
      ...responses[0]!,
      id: crypto.randomUUID(),
      answers: Object.fromEntries(scored.map((q) => [q.id, q.options[0]!.value])),
    }
    const reply = await sendBatch(server.url, surveyor, [...responses, liner])
    expect(reply.results.map((r) => r.status)).toEqual(Array(7).fill('stored'))

    const countFor = async () => {
      const res = await fetch(`${server.url}/api/scores?surveyId=${SURVEY}&version=1`, { headers: { cookie: admin } })
      return ((await res.json()) as Scores).units.find((u) => u.unitId === UNIT)!.responses
    }
    expect(await countFor()).toBe(7)

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
    const page = await desk.newPage()
    await page.goto(server.url)
    await fieldApp(page).logIn('supervisor', server.logins.get('supervisor')!)
    await page.getByTestId('nav-quality').waitFor()
    await page.goto(`${server.url}/quality`)
    await page.getByTestId('quality-survey').selectOption(`${SURVEY}@1`)
    const section = page.getByTestId('quality-kind-straight-lining')
    const flag = section.getByTestId('quality-flag').filter({ has: page.locator(`[data-response-id="${liner.id}"]`) })
    await flag.waitFor()
    expect(await page.getByTestId('quality-count-straight-lining').getAttribute('data-count')).toBe('1')
    await flag.locator('summary').first().click()
    const response = flag.locator(`[data-response-id="${liner.id}"]`)
    await response.locator('details summary').click()
    await page.screenshot({ path: screenshotPath('data-quality.png') })

    // No reason, no void: the error is tied to the field.
    const form = response.getByTestId('void-form')
    await form.getByTestId('reason-submit').click()
    await form.getByTestId('reason-error').waitFor()
    expect(await form.getByTestId('reason-input').getAttribute('aria-describedby')).toBe(
      await form.getByTestId('reason-error').getAttribute('id'),
    )
    expect(await countFor()).toBe(7)

    await form
      .getByTestId('reason-input')
      .fill('Người trả lời chọn cùng một cột cho mọi câu; đã xác minh qua điện thoại.')
    await form.getByTestId('reason-submit').click()
    await expect.poll(() => page.getByTestId('quality-count-straight-lining').getAttribute('data-count')).toBe('0')
    await page.locator(`[data-response-id="${liner.id}"] [data-testid=response-voided]`).waitFor({ state: 'attached' })
    expect(await countFor()).toBe(6)
    await desk.close()
  })
})
