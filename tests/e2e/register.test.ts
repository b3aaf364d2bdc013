import type { RegisterEntry } from '@parsurvey/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useDesk } from '../support/e2e-suite.ts'
import { brokenRegister, registerCsv, registerPeople } from '../support/register-fixture.ts'
import { registerPage } from '../support/register-page.ts'
import type { ServerProcess } from '../support/server-process.ts'

const SURVEY = 'par-2026-department'

let server: ServerProcess
let page: Page
let adminCookie: string
useDesk((desk) => ({ server, page, cookie: adminCookie } = desk))

const byTest = (id: string) => page.getByTestId(id)
const register = async () =>
  (
    (await (await fetch(`${server.url}/api/respondents/${SURVEY}`, { headers: { cookie: adminCookie } })).json()) as {
      respondents: RegisterEntry[]
    }
  ).respondents

describe('the respondent register in Chromium', () => {
  it('shows the two bad rows of a 30-person list, imports nothing, then imports the fixed list', async () => {
    const desk = registerPage(page, server.url)
    await desk.open(SURVEY)
    const broken = brokenRegister()
    await desk.choose('danh-sach.csv', broken.csv, 'error')
    expect(await desk.refusedLines()).toEqual(broken.badLines)
    const bad = desk.refusedRows()
    expect(await bad.nth(0).getByTestId('register-row-error').textContent()).toContain('dai-bieu-quoc-hoi')
    expect(await bad.nth(1).getByTestId('register-row-error').textContent()).toContain('nguoi12@')
    expect(await page.getByTestId('register-row').count()).toBe(30)
    expect(await byTest('register-apply').isDisabled()).toBe(true)
    expect(await register()).toEqual([])

    await desk.choose('danh-sach-da-sua.csv', registerCsv(registerPeople()), 'notice')
    await desk.apply()
    expect(await byTest('register-applied').textContent()).toContain('30 người mới')
    await page.getByTestId('register-person').nth(29).waitFor()
    const people = await register()
    expect(people).toHaveLength(30)
    // A department leader never rates their own department.
    const leader = people.find((p) => p.organisation === 'Sở Y tế')!
    expect(leader.ownUnitId).toBe('so-y-te')
    expect(leader.units).not.toContain('so-y-te')

    // The same list again changes nobody.
    await desk.choose('danh-sach-da-sua.csv', registerCsv(registerPeople()), 'notice')
    expect(await byTest('register-summary').textContent()).toContain('30 không đổi')

    // This server has no SMTP_URL: the invitations page says so, and offers the other channels.
    await page.getByTestId('admin-tab-invitations').click()
    await byTest('invitation-survey').selectOption(`${SURVEY}@1`)
    await page.getByTestId('invitation-person').nth(29).waitFor()
    expect(await byTest('invitation-mail-off').textContent()).toContain('SMTP_URL')
    expect(await byTest('invitation-send').count()).toBe(0)
    expect(await byTest('invitation-letters').textContent()).toContain('30')
    expect(await byTest('invitation-csv').getAttribute('href')).toContain(`/api/invitations/${SURVEY}/invitations.csv`)
  })
})
