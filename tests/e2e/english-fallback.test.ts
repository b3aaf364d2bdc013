import { generateResponses, type Survey } from '@parsurvey/shared'
import type { Browser, BrowserContext, Locator } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { logIn, sendBatch } from '../support/api-client.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import { fieldApp } from '../support/field-app.ts'
import { publishSurvey, surveyorPage } from '../support/field-fixtures.ts'
import type { ServerProcess } from '../support/server-process.ts'
import { typedQuestions, typedSurvey } from '../support/typed-survey.ts'

/**
 * A province may write its survey in Vietnamese only (issue 16: English labels are optional): with
 * the UI in English, the questionnaire, the scores, the explanation and the scorecard show the
 * survey's Vietnamese texts, never a blank or an id, around the app's own English words.
 */
const SURVEY = 'test-2025-vi-only'
/** The typed fixture survey with every `en` text taken out (title, units, groups, criteria, questions, options, messages). */
const survey: Survey = JSON.parse(JSON.stringify(typedSurvey(SURVEY)), (key: string, value: unknown) =>
  key === 'en' ? undefined : value,
) as Survey

let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})
beforeAll(async () => {
  expect(JSON.stringify(survey)).not.toContain('"en"')
  await publishSurvey(server, survey)
})

/** A browser context whose UI language is English (the language switch's stored choice). */
async function inEnglish(viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' })
  await context.addInitScript(() => localStorage.setItem('parsurvey.locale', 'en'))
  return context
}
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim()
const optionTexts = (select: Locator) => select.locator('option:not([disabled])').allTextContents()

describe('a Vietnamese-only survey with the UI in English', () => {
  it('the field app asks it in Vietnamese: title, units, groups, questions, options and the survey’s own messages', async () => {
    const context = await inEnglish({ width: 360, height: 740 })
    const page = await surveyorPage(context, server)
    const app = fieldApp(page)
    const q = typedQuestions(page)
    // The app speaks English; the survey's texts are Vietnamese.
    expect(await text(app.byTest(`survey-start-${SURVEY}`))).toBe('Start a new questionnaire')
    expect(await text(page.locator('li', { has: app.byTest(`survey-start-${SURVEY}`) }))).toContain('Phiếu thử nghiệm')
    await app.byTest(`survey-start-${SURVEY}`).click()
    expect(await text(page.locator('h1'))).toBe('Phiếu thử nghiệm')
    expect(await optionTexts(app.byTest('start-unit'))).toEqual(['Huyện A', 'Huyện B'])
    expect(await optionTexts(app.byTest('start-group'))).toEqual(['Lãnh đạo', 'Người dân'])
    expect(await text(app.byTest('start-begin'))).toBe('Begin')
    await app.byTest('start-unit').selectOption('huyen-a')
    await app.byTest('start-group').selectOption('citizen')
    await app.byTest('start-begin').click()
    await app.byTest('q-progress').waitFor()

    await q.onQuestion('Thủ tục có được niêm yết đầy đủ?')
    const labels = (await page.locator('fieldset.question label').allTextContents()).map((l) => l.trim())
    expect(labels).toEqual(['Rất tốt', 'Tốt', 'Bình thường', 'Chưa tốt', 'Không biết'])
    // The app's own message stays English.
    await q.refused('response-required-blank', 'This question is required — please choose an answer.')
    await q.scoredAndProfile()
    await q.onQuestion('Đã dùng dịch vụ trực tuyến?')
    await q.pick('yes')
    await q.next()
    await q.onQuestion('Qua những cách nào?')
    const ways = (await page.locator('fieldset.question label').allTextContents()).map((l) => l.trim())
    expect(ways).toEqual(['Cổng dịch vụ công', 'Ứng dụng', 'Bưu điện', 'Khác (ghi rõ)'])
    for (const value of ['web', 'app', 'post']) await q.pick(value)
    // The survey's constraint message has no English: the Vietnamese one shows.
    await q.refused('response-constraint-message', 'Chọn tối đa 2 cách.')
    await context.close()
  })

  it('the online respondent page asks it in Vietnamese too: title, place, questions and options', async () => {
    const admin = await logIn(server.url, 'admin', server.logins.get('admin')!)
    const batch = await fetch(`${server.url}/api/codes/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin, 'accept-language': 'en' },
      body: JSON.stringify({
        surveyId: SURVEY,
        version: 1,
        unitId: 'huyen-a',
        groupId: 'citizen',
        locationId: 'xa-2',
        count: 1,
      }),
    })
    expect(batch.status).toBe(201)
    const code = ((await batch.json()) as { codes: { code: string }[] }).codes[0]!.code
    const context = await inEnglish({ width: 360, height: 740 })
    const page = await context.newPage()
    const q = typedQuestions(page)
    await page.goto(`${server.url}/r/${code}`)
    await fieldApp(page).byTest('q-progress').waitFor()
    expect(await text(page.locator('header.intro h1'))).toBe('Phiếu thử nghiệm')
    expect(await text(page.locator('header.intro p'))).toBe('About: Huyện A · Xã Hai')
    await q.onQuestion('Thủ tục có được niêm yết đầy đủ?')
    const labels = (await page.locator('fieldset.question label').allTextContents()).map((l) => l.trim())
    expect(labels).toEqual(['Rất tốt', 'Tốt', 'Bình thường', 'Chưa tốt', 'Không biết'])
    await context.close()
  })

  it('the analyst reads its scores, explanation and scorecard with the Vietnamese names', async () => {
    // 60 generated responses and the office's self-assessment, so that every view has figures.
    const surveyor = await logIn(server.url, 'surveyor', server.logins.get('surveyor')!)
    const reply = await sendBatch(server.url, surveyor, [...generateResponses(survey, 60, 'vi-only')])
    expect(reply.results.every((r) => r.status === 'stored')).toBe(true)
    const analyst = await logIn(server.url, 'analyst', server.logins.get('analyst')!)
    const imported = await fetch(
      `${server.url}/api/self-assessment/apply?surveyId=${SURVEY}&version=1&fileName=self.csv`,
      {
        method: 'POST',
        headers: { cookie: analyst, 'content-type': 'text/csv' },
        body: 'unitId,selfAssessment\nhuyen-a,60\nhuyen-b,55\n',
      },
    )
    expect(imported.status, await imported.clone().text()).toBe(201)

    const context = await inEnglish()
    const page = await context.newPage()
    await page.goto(server.url)
    await fieldApp(page).logIn('analyst', server.logins.get('analyst')!)
    const bands = new Map(survey.classification.map((b) => [b.id, b.label.vi]))

    // Scores: English headers, Vietnamese unit names and classes, class counts by their Vietnamese labels.
    await page.goto(`${server.url}/analysis/scores?survey=${encodeURIComponent(`${SURVEY}@1`)}`)
    await page.getByTestId('score-row-huyen-a').waitFor()
    expect(await text(page.getByTestId('sort-rank'))).toContain('Rank')
    for (const unit of survey.units) {
      const row = page.getByTestId(`score-row-${unit.id}`)
      expect(await text(row.getByTestId('score-unit'))).toBe(unit.name.vi)
      expect([...bands.values()]).toContain(await text(row.getByTestId('score-class')))
    }
    const counts = await text(page.getByTestId('class-counts'))
    for (const label of bands.values()) expect(counts).toContain(label)

    // The explanation: criteria, questions and groups in Vietnamese.
    await page.getByTestId('score-row-huyen-a').getByTestId('score-unit').click()
    await page.getByTestId('explain-leaf-1.1').waitFor()
    expect(await text(page.getByTestId('explain-node-1'))).toContain('1 Thủ tục hành chính')
    expect(await text(page.getByTestId('explain-leaf-1.1'))).toContain('1.1 Công khai thủ tục')
    expect(await text(page.getByTestId('explain-leaf-2.1'))).toContain('2.1 Dịch vụ công trực tuyến')
    await page.getByTestId('explain-toggle-1.1').click()
    expect(await text(page.getByTestId('explain-question-q1'))).toContain('q1 Thủ tục có được niêm yết đầy đủ?')
    expect(await text(page.getByTestId('explain-group-q1-citizen').locator('th'))).toBe('Người dân')
    expect(await text(page.getByTestId('explain-group-q1-leader').locator('th'))).toBe('Lãnh đạo')

    // The scorecard: the unit, its domains, weakest criteria and groups in Vietnamese.
    await page.goto(`${server.url}/analysis/summary/huyen-a?survey=${encodeURIComponent(`${SURVEY}@1`)}`)
    await page.getByTestId('chart-scorecard').waitFor()
    expect(await text(page.getByTestId('summary-unit'))).toBe('Huyện A')
    expect(await text(page.getByTestId('scorecard-rank'))).toMatch(/^Rank [12] of 2$/)
    expect(await text(page.getByTestId('scorecard-domain-1').locator('th'))).toBe('1. Thủ tục hành chính')
    expect(await text(page.getByTestId('scorecard-domain-2').locator('th'))).toBe('2. Hiện đại hóa hành chính')
    expect(await text(page.getByTestId('scorecard-group-citizen').locator('th'))).toBe('Người dân')
    expect(await text(page.getByTestId('scorecard-group-leader').locator('th'))).toBe('Lãnh đạo')
    const leaves = new Map(
      survey.criteria.flatMap((d) => (d.children ?? []).map((c) => [c.id, `${c.label.vi} (${d.label.vi})`] as const)),
    )
    const weakest = page.locator('[data-testid^="scorecard-weak-"]')
    expect(await weakest.count()).toBeGreaterThan(0)
    for (const item of await weakest.all()) {
      const id = (await item.getAttribute('data-testid'))!.replace('scorecard-weak-', '')
      expect(await text(item)).toContain(`${id} ${leaves.get(id)}`)
    }
    await context.close()
  })
})
