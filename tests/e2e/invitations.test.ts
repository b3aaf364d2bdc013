import type { TestSmtpServer } from '@parsurvey/server/testing/smtp'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { MAIL_FROM, useDesk } from '../support/e2e-suite.ts'
import { brokenRegister, registerPeople } from '../support/register-fixture.ts'
import { registerPage } from '../support/register-page.ts'
import type { ServerProcess } from '../support/server-process.ts'
import { answerSitting, codeInMail } from '../support/sitting-client.ts'

const SURVEY = 'par-2026-department'

let server: ServerProcess
let smtp: TestSmtpServer
let page: Page
useDesk(
  (desk) => {
    ;({ server, page } = desk)
    smtp = desk.smtp!
  },
  { mail: true },
)

const byTest = (id: string) => page.getByTestId(id)
const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address))
const stateOf = (email: string) =>
  page.locator(`[data-testid=invitation-person][data-email="${email}"]`).getAttribute('data-state')

/** Asks for the count (dry run), checks it, then confirms; waits for the outcome. */
async function sendConfirmed(button: string, expected: number) {
  await byTest(button).click()
  await page.locator(`[data-testid=invitation-preview][data-selected="${expected}"]`).waitFor()
  await byTest('invitation-confirm').click()
  await byTest('invitation-result').waitFor()
}

describe('invitations in Chromium, mailed to a real SMTP server', () => {
  it('imports a 30-person register (2 bad rows shown, fixed), mails each person their link, and reminds only the unfinished', async () => {
    const register = registerPage(page, server.url)
    await register.open(SURVEY)
    expect(await register.importFixedAfterBroken()).toEqual(brokenRegister().badLines)

    await page.getByTestId('admin-tab-invitations').click()
    await byTest('invitation-survey').selectOption(`${SURVEY}@1`)
    await page.getByTestId('invitation-person').nth(29).waitFor()
    expect(await byTest('invitation-mail-from').textContent()).toContain('khaosat@sonha.gov.vn')
    expect(await stateOf('nguoi1@sonha.gov.vn')).toBe('not-invited')

    // The count first, nothing sent until confirmed.
    await byTest('invitation-send').click()
    await page.locator('[data-testid=invitation-preview][data-selected="30"]').waitFor()
    await byTest('invitation-cancel').click()
    expect(smtp.received).toEqual([])
    await sendConfirmed('invitation-send', 30)
    expect(await byTest('invitation-result').textContent()).toContain('Đã gửi 30, bị từ chối 0, lỗi 0')
    expect(smtp.received).toHaveLength(30)
    const people = registerPeople()
    const codes = new Set<string>()
    for (const person of people) {
      const [mail] = mailTo(person.email)
      expect(mail, person.email).toBeDefined()
      expect(mail!.from).toBe('khaosat@sonha.gov.vn')
      expect(mail!.text).toContain(`Kính gửi Ông/Bà ${person.name}`)
      expect(mail!.text).toContain(`${server.url}/r/${codeInMail(mail!.text)}`)
      codes.add(codeInMail(mail!.text))
    }
    expect(codes.size).toBe(30)
    expect(MAIL_FROM).toContain('khaosat@sonha.gov.vn')

    // Person 19 (a commune leader, 5 departments) finishes through their link; person 1 sends one unit.
    const finisher = 'nguoi19@sonha.gov.vn'
    expect(await answerSitting(server.url, codeInMail(mailTo(finisher)[0]!.text))).toHaveLength(5)
    await answerSitting(server.url, codeInMail(mailTo('nguoi1@sonha.gov.vn')[0]!.text), ['so-noi-vu'])
    await page.reload()
    await byTest('invitation-survey').selectOption(`${SURVEY}@1`)
    await page.getByTestId('invitation-person').nth(29).waitFor()
    expect(await stateOf(finisher)).toBe('finished')
    expect(await stateOf('nguoi1@sonha.gov.vn')).toBe('in-progress')
    expect(await stateOf('nguoi2@sonha.gov.vn')).toBe('invited')
    const leaders = page.locator(
      '[data-testid=invitation-rates-byGroup] [data-testid=invitation-rate][data-id=commune-leader]',
    )
    expect(await leaders.getByTestId('invitation-rate-percent').textContent()).toBe('17%')

    await sendConfirmed('invitation-remind', 29)
    const reminders = smtp.received.slice(30)
    expect(reminders).toHaveLength(29)
    expect(reminders.every((m) => m.subject.startsWith('Nhắc Ông/Bà'))).toBe(true)
    expect(reminders.flatMap((m) => m.to)).not.toContain(finisher)
    expect(mailTo(finisher)).toHaveLength(1)
  })

  it('gives each person a ready message with their link and a QR code, and prints one letter each', async () => {
    const row = page.locator('[data-testid=invitation-person][data-email="nguoi2@sonha.gov.vn"]')
    await row.getByTestId('invitation-show').click()
    const text = await page.getByTestId('invitation-message').inputValue()
    expect(text).toContain(codeInMail(mailTo('nguoi2@sonha.gov.vn')[0]!.text))
    await page.getByTestId('invitation-qr').waitFor()
    expect(await page.getByTestId('invitation-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/)

    await page.evaluate(() => {
      window.print = () => undefined
    })
    await byTest('invitation-letters').click()
    await page.getByTestId('invitation-letter').nth(29).waitFor({ state: 'attached' })
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByTestId('invitation-letter').nth(0).isVisible()).toBe(true)
    expect(await byTest('invitation-send').isVisible()).toBe(false)
    await page.emulateMedia({ media: 'screen' })

    // The office marks the printed letters as handed over: each person shows it, once.
    await byTest('invitation-mark-letters').click()
    await page.locator('[data-testid=invitation-marked]').filter({ hasText: '30' }).waitFor()
    await row.locator('[data-testid=invitation-handed-over] [data-channel=letter]').waitFor()
    expect(await byTest('invitation-mark-letters').count()).toBe(0)
  })
})
