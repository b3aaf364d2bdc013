import type { ExplainReply, PaperEntryReceipt, Response, SyncReply } from '@parsurvey/shared'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { logIn, sendBatch } from '../support/api-client.ts'
import { fieldApp } from '../support/field-app.ts'
import { publishSurvey, surveyorPage } from '../support/field-fixtures.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import { screenshotPath } from '../support/screenshots.ts'
import type { ServerProcess } from '../support/server-process.ts'
import { typedSurvey } from '../support/typed-survey.ts'

/**
 * Double entry of paper forms through the screens (docs/paper-forms.md): the admin turns it on
 * on the surveys page; one paper form is keyed in the field app (from the keyboard) and again,
 * with one answer different, by a second surveyor through the sync API; the supervisor opens it,
 * sees the two keyings side by side, picks the answer on the paper and confirms, while a second
 * tab trying the same is told it was settled; the scores then count one response, the chosen answer.
 * The first keyer's tablet learns each later state (conflict, then settled) by asking the server again.
 */
const SURVEY = 'test-2025-typed'
const SERIAL = 'DK-0007'
let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})
beforeAll(() => publishSurvey(server, typedSurvey(SURVEY)))

const as = async (username: string) => logIn(server.url, username, server.logins.get(username)!)
async function getJson<T>(path: string, username = 'admin'): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie: await as(username) } })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}
const setting = async () =>
  (await getJson<{ enabled: boolean }>(`/api/surveys/${SURVEY}/double-entry`, 'analyst')).enabled
const explain = () => getJson<ExplainReply>(`/api/scores/explain?surveyId=${SURVEY}&version=1&unitId=huyen-a`)
const q1Counts = async () =>
  Object.fromEntries(
    (await explain()).explanation.questions.find((q) => q.questionId === 'q1')!.options.map((o) => [o.value, o.count]),
  )

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbFile, { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}
const paperKeyings = () =>
  query<{ body: string }>("SELECT body FROM responses WHERE channel = 'paper' ORDER BY rowid").map(
    (r) => JSON.parse(r.body) as Response,
  )

async function signedIn(
  username: string,
  viewport = { width: 1280, height: 900 },
  password = server.logins.get(username)!,
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' })
  const page = await context.newPage()
  await page.goto(server.url)
  await fieldApp(page).logIn(username, password)
  return page
}

/** Keys the typed survey's citizen form from the keyboard, as paper-keying.test.ts does; q1 "Tốt". */
async function keyFormInFieldApp(page: Page): Promise<void> {
  const app = fieldApp(page)
  const text = () => app.byTest('q-text').textContent()
  await app.byTest(`survey-start-${SURVEY}`).click()
  await app.byTest('start-unit').selectOption('huyen-a')
  await app.byTest('start-group').selectOption('citizen')
  await app.byTest('start-channel').selectOption('paper')
  await app.byTest('start-serial').fill(SERIAL)
  await page.keyboard.press('Enter')
  await app.byTest('q-progress').waitFor()
  const key = async (question: string, ...keys: string[]) => {
    await expect.poll(text, { timeout: 10_000 }).toBe(question)
    for (const k of keys) await page.keyboard.press(k)
  }
  await key('Thủ tục có được niêm yết đầy đủ?', '2', 'Enter') // "Tốt"
  await key('Dịch vụ công trực tuyến có dễ dùng?', '1', 'Enter')
  await key('Ông/bà có nộp hồ sơ trực tuyến được?', '5', 'Enter')
  await key('Độ tuổi', '2', 'Enter')
  await key('Góp ý khác', 'Enter')
  await key('Phần sau hỏi về dịch vụ công trực tuyến.', 'Enter')
  await key('Đã dùng dịch vụ trực tuyến?', '2', 'Enter')
  await key('Số lần đến', 'Tab')
  await page.keyboard.type('3')
  await page.keyboard.press('Enter')
  await key('Lệ phí (nghìn đồng)', 'Enter')
  await key('Ngày đến', 'Enter')
  await key('Vì sao không?', 'Tab')
  await page.keyboard.type('Không có mạng')
  await page.keyboard.press('Enter')
  await app.byTest('q-finish').waitFor()
  await page.keyboard.press('Enter')
  await page.waitForURL((url) => url.pathname === '/')
}

describe('double entry of paper forms in Chromium', () => {
  it('the admin turns double entry on for one survey on the surveys page, and it stays on', async () => {
    const page = await signedIn('admin')
    await page.goto(`${server.url}/admin/surveys`)
    const state = page.getByTestId(`double-entry-state-${SURVEY}`)
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toContain('Đang tắt')
    expect(await setting()).toBe(false)

    await page.getByTestId(`double-entry-switch-${SURVEY}`).check()
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toContain('Đã lưu')
    expect(await state.textContent()).toContain('Đang bật')
    expect(await setting()).toBe(true)
    // Another survey's switch is untouched.
    expect(await page.getByTestId('double-entry-state-par-2026-department').textContent()).toContain('Đang tắt')

    await page.reload()
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toContain('Đang bật')
    expect(await page.getByTestId(`double-entry-switch-${SURVEY}`).isChecked()).toBe(true)
    await page.context().close()
  })

  it('when the change cannot be made, the switch goes back to what the server holds and says why', async () => {
    // A second admin works on the surveys page; double entry is on (the test before).
    const admin = await as('admin')
    const created = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ username: 'quantri2', role: 'admin' }),
    })
    expect(created.status).toBe(201)
    const { password } = (await created.json()) as { password: string }
    const page = await signedIn('quantri2', undefined, password)
    await page.goto(`${server.url}/admin/surveys`)
    const state = page.getByTestId(`double-entry-state-${SURVEY}`)
    const box = page.getByTestId(`double-entry-switch-${SURVEY}`)
    const error = page.getByTestId(`double-entry-error-${SURVEY}`)
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toContain('Đang bật')
    /** Turns the switch off, waits for the refusal and expects the switch on again, as on the server. */
    const refusedWith = async (message: string) => {
      await box.click()
      await expect.poll(() => error.textContent(), { timeout: 15_000 }).toBe(message)
      await expect.poll(() => box.isEnabled()).toBe(true)
      expect(await box.isChecked()).toBe(true)
      expect(await box.getAttribute('aria-checked')).toBe('true')
      expect(await state.textContent()).not.toContain('Đã lưu')
      expect(await setting()).toBe(true)
    }

    // The tablet's connection drops: nothing reaches the server.
    await page.context().setOffline(true)
    await refusedWith('Không kết nối được máy chủ. Vui lòng thử lại khi có mạng.')
    expect(await state.textContent()).toContain('Đang bật')
    await page.context().setOffline(false)

    // Meanwhile the first admin makes this account an analyst: the server refuses the change (403).
    const demoted = await fetch(`${server.url}/api/users/quantri2`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ role: 'analyst' }),
    })
    expect(demoted.status).toBe(200)
    await refusedWith('Tài khoản của Ông/Bà không có quyền thực hiện thao tác này.')
    // In English, the server's message comes back in English.
    await page.getByTestId('lang-switch').selectOption('en')
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toContain('On')
    await refusedWith('Your account is not allowed to do this.')
    expect(query("SELECT 1 FROM audit_log WHERE action = 'survey-double-entry-set'")).toHaveLength(1)
    await page.context().close()
  })

  it('a form keyed twice with one answer different is settled by the supervisor, once, with the answer picked', async () => {
    // First keying: the field app, from the keyboard.
    const fieldContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN' })
    const field = await surveyorPage(fieldContext, server)
    await keyFormInFieldApp(field)
    await expect.poll(() => paperKeyings().length, { timeout: 20_000 }).toBe(1)
    const first = paperKeyings()[0]!
    expect(first.answers.q1).toBe('good')
    // The field app says, from the receipt, that the form awaits its second keying (not just "sent").
    const note = field.getByTestId(`paper-entry-finished-${first.id}`)
    await note.waitFor({ timeout: 20_000 })
    expect(await note.getAttribute('data-state')).toBe('awaiting')
    expect(await note.textContent()).toContain('chờ nhập lần hai, chưa được tính')
    expect(await field.getByTestId(`paper-entry-${first.id}`).textContent()).toContain('chờ nhập lần hai')

    // Second keying, by another surveyor through the sync API: the same paper, q1 read as "Rất tốt".
    const admin = await as('admin')
    const created = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ username: 'nhaplieu2', role: 'surveyor', units: 'all' }),
    })
    const { password } = (await created.json()) as { password: string }
    const second: Response = {
      ...first,
      id: crypto.randomUUID(),
      deviceId: 'desk-2',
      paperSerial: 'dk 0007',
      answers: { ...first.answers, q1: 'very-good' },
    }
    const reply: SyncReply = await sendBatch(server.url, await logIn(server.url, 'nhaplieu2', password), [second])
    expect(reply.results[0]).toMatchObject({ status: 'stored', paperEntry: { state: 'conflict', keying: 2 } })
    const formId = (reply.results[0]!.paperEntry as PaperEntryReceipt).formId
    // Held: nothing counts yet.
    expect((await explain()).explanation.responses).toBe(0)
    // The first surveyor syncs: the tablet learns that the second keying differs.
    const sentNote = field.getByTestId(`paper-entry-${first.id}`)
    await field.getByTestId('sync-now').click()
    await expect.poll(() => sentNote.getAttribute('data-state'), { timeout: 20_000 }).toBe('conflict')
    expect(await sentNote.textContent()).toContain('khác với lần nhập trước, chờ giám sát viên đối chiếu')

    // The supervisor: Data quality → the paper forms page, the form in conflict listed.
    const desk = await signedIn('supervisor')
    await desk.getByTestId('nav-quality').click()
    await desk.getByTestId('nav-paper-forms').click()
    await desk.getByTestId('paper-forms-survey').selectOption(`${SURVEY}@1`)
    const row = desk.getByTestId('paper-forms-row-DK0007')
    await row.waitFor()
    expect(await row.getAttribute('data-state')).toBe('conflict')
    await desk.getByTestId('paper-forms-open-DK0007').click()
    const form = desk.getByTestId(`paper-form-${formId}`)
    await form.waitFor()
    expect(await desk.getByTestId('paper-form-differ-count').textContent()).toContain('khác nhau ở 1 câu')
    // Side by side, the question's text and the option as printed (number and label) per keying.
    const q1 = desk.getByTestId('paper-row-q1')
    expect(await q1.getAttribute('data-differs')).toBe('true')
    expect(await q1.textContent()).toContain('Câu 1')
    expect(await q1.textContent()).toContain('Thủ tục có được niêm yết đầy đủ?')
    expect(await desk.getByTestId('paper-answer-q1-1').textContent()).toContain('2. Tốt')
    expect(await desk.getByTestId('paper-answer-q1-2').textContent()).toContain('1. Rất tốt')
    // Only the differing question is listed until asked for all.
    expect(await desk.locator('[data-testid^="paper-row-"]').count()).toBe(1)
    await desk.getByTestId('paper-only-differing').uncheck()
    expect(await desk.getByTestId('paper-row-q3').getAttribute('data-differs')).toBe('false')
    await desk.getByTestId('paper-only-differing').check()

    // The same supervisor on a 360 px phone opens the same form (the link keeps it): the page fits
    // the width and the two keyings still stand side by side.
    const other = await signedIn('supervisor', { width: 360, height: 740 })
    await other.goto(desk.url())
    await other.getByTestId(`paper-form-${formId}`).waitFor()
    expect(await other.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    const [left, right] = await Promise.all([1, 2].map((k) => other.getByTestId(`paper-answer-q1-${k}`).boundingBox()))
    expect(left!.y).toBe(right!.y)
    expect(left!.x + left!.width).toBeLessThanOrEqual(right!.x)

    // Confirming without a pick is refused on the page, naming the question.
    await desk.getByTestId('paper-reason').fill('Đã đối chiếu với phiếu giấy')
    await desk.getByTestId('paper-confirm').click()
    expect(await desk.getByTestId('paper-form-error').textContent()).toContain('Câu 1')

    // Both tabs pick "Rất tốt" (keying 2) and confirm at the same moment: one wins, the other is told.
    for (const tab of [desk, other]) {
      await tab.getByTestId('paper-pick-q1-2').check()
      await tab.getByTestId('paper-reason').fill('Đã đối chiếu với phiếu giấy')
    }
    await desk.screenshot({ path: screenshotPath('paper-double-entry.png'), fullPage: true })
    await other.getByTestId(`paper-form-${formId}`).screenshot({ path: screenshotPath('paper-double-entry-360.png') })
    await Promise.all([desk.getByTestId('paper-confirm').click(), other.getByTestId('paper-confirm').click()])
    const outcome = async (tab: Page) => {
      const settled = tab.getByTestId('paper-form-settled')
      const refused = tab.getByTestId('paper-form-error')
      await settled.or(refused).first().waitFor()
      return (await settled.count()) > 0 ? 'settled' : ((await refused.textContent()) ?? '')
    }
    const outcomes = await Promise.all([outcome(desk), outcome(other)])
    expect(outcomes.filter((o) => o === 'settled')).toHaveLength(1)
    expect(outcomes.find((o) => o !== 'settled')).toContain('đã được tính')
    for (const tab of [desk, other]) {
      await expect
        .poll(() => tab.getByTestId(`paper-form-${formId}`).getAttribute('data-state'), { timeout: 10_000 })
        .toBe('resolved')
      expect(await tab.getByTestId('paper-settle').count()).toBe(0)
    }

    // Stored once: one decision, one correction (the answer picked), the form resolved.
    expect(query("SELECT 1 FROM audit_log WHERE action = 'paper-form-resolve'")).toHaveLength(1)
    expect(query('SELECT 1 FROM response_corrections WHERE response_id IN (?, ?)', first.id, second.id)).toHaveLength(1)
    // The scores count exactly one response for the unit, with the chosen answer.
    await expect.poll(async () => (await explain()).explanation.responses, { timeout: 20_000 }).toBe(1)
    expect(await q1Counts()).toMatchObject({ 'very-good': 1, good: 0 })

    // The supervisor's decision reaches the tablet: opening the home page again asks the server.
    await field.goto(`${server.url}/`)
    await expect.poll(() => sentNote.getAttribute('data-state'), { timeout: 20_000 }).toBe('resolved')
    expect(await sentNote.textContent()).toContain(
      'Phiếu giấy, lần nhập 1: phiếu đã được đối chiếu và chốt, phiếu được tính.',
    )
    expect(await field.getByTestId('paper-checked-at').textContent()).toContain('được cập nhật từ máy chủ lúc')
    // The tablet keeps it: offline, after a reload, the sent list still says so.
    await fieldContext.setOffline(true)
    await field.reload()
    await expect.poll(() => sentNote.getAttribute('data-state'), { timeout: 20_000 }).toBe('resolved')
    await fieldContext.setOffline(false)
    await fieldContext.close()
    await desk.context().close()
    await other.context().close()
  })
})
