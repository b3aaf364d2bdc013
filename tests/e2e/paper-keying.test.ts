import type { Response } from '@parsurvey/shared'
import Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { fieldApp } from '../support/field-app.ts'
import { publishSurvey, surveyorPage } from '../support/field-fixtures.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import type { ServerProcess } from '../support/server-process.ts'
import { typedSurvey } from '../support/typed-survey.ts'

/**
 * Keying a paper form in the field app from the keyboard alone, once the form is opened: number
 * keys pick options as numbered on the printed form, Tab reaches a text or number field, Enter
 * moves on (from a text field too) and, on the review step, finishes; the running count of forms keyed goes up.
 */
let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})
beforeAll(() => publishSurvey(server, typedSurvey()))

const stored = (): Response[] => {
  const db = new Database(server.dbFile, { readonly: true })
  const rows = db.prepare("SELECT body FROM responses WHERE channel = 'paper'").pluck().all() as string[]
  db.close()
  return rows.map((body) => JSON.parse(body) as Response)
}

describe('paper forms keyed with the keyboard', () => {
  it('number keys pick options, Enter moves on and finishes, and the forms keyed are counted', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN' })
    const page = await surveyorPage(context, server)
    const app = fieldApp(page)
    const text = () => app.byTest('q-text').textContent()
    await app.byTest('survey-start-test-2025-typed').click()
    await app.byTest('start-unit').selectOption('huyen-a')
    await app.byTest('start-group').selectOption('citizen')
    await app.byTest('start-channel').selectOption('paper')
    await app.byTest('start-serial').fill('000041')
    await page.keyboard.press('Enter')
    await app.byTest('q-progress').waitFor()
    expect(await app.byTest('q-paper-keyed').textContent()).toContain('Đã nhập 0 phiếu giấy')
    // The options show the keys printed on the form.
    expect(await page.locator('.option kbd').allTextContents()).toEqual(['1', '2', '3', '4', '5'])

    const key = async (question: string, ...keys: string[]) => {
      await expect.poll(text).toBe(question)
      for (const k of keys) await page.keyboard.press(k)
    }
    await key('Thủ tục có được niêm yết đầy đủ?', '2')
    expect(await page.getByTestId('option-good').isChecked()).toBe(true)
    await page.keyboard.press('Enter')
    await key('Dịch vụ công trực tuyến có dễ dùng?', '1', 'Enter')
    await key('Ông/bà có nộp hồ sơ trực tuyến được?', '9', '5', 'Enter') // 9: no ninth option, nothing happens
    await key('Độ tuổi', '2', 'Enter')
    await key('Góp ý khác', 'Enter') // left blank on the paper
    await key('Phần sau hỏi về dịch vụ công trực tuyến.', 'Enter') // the note
    await key('Đã dùng dịch vụ trực tuyến?', '2', 'Enter') // "Không": the next two questions are skipped
    await key('Số lần đến', 'Tab')
    await page.keyboard.type('3')
    await page.keyboard.press('Enter')
    await key('Lệ phí (nghìn đồng)', 'Enter')
    await key('Ngày đến', 'Enter')
    await key('Vì sao không?', 'Tab')
    await page.keyboard.type('Không có mạng')
    await page.keyboard.press('Enter') // moves on from the text area too (Shift+Enter is a new line)
    await app.byTest('q-finish').waitFor()
    await page.keyboard.press('Enter') // the review step: finishes

    await page.waitForURL((url) => url.pathname === '/')
    expect(await app.byTest('home-paper-keyed').textContent()).toContain('Đã nhập 1 phiếu giấy')
    await expect.poll(() => stored().length, { timeout: 20_000 }).toBe(1)
    expect(stored()[0]).toMatchObject({
      channel: 'paper',
      paperSerial: '000041',
      answers: {
        q1: 'good',
        q3: 'very-good',
        q4: 'dont-know',
        age: '35-plus',
        online: 'no',
        visits: 3,
        'why-not': 'Không có mạng',
      },
    })
    await context.close()
  })
})
