import Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { fieldApp } from '../support/field-app.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import type { ServerProcess } from '../support/server-process.ts'

let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

describe('walking skeleton: from a tablet offline to the analyst’s score', () => {
  it('a questionnaire answered offline survives a reload, syncs once when back online, and is counted and scored', async () => {
    const tablet = await browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'vi-VN' })
    const page = await tablet.newPage()
    const app = fieldApp(page)
    await page.goto(server.url)
    await app.logIn('surveyor', server.logins.get('surveyor')!)
    await app.waitForOfflineShell()

    await app.start('par-2026-department', { unit: 'so-noi-vu', group: 'citizen' })
    const { total } = await app.position()
    expect(total).toBeGreaterThan(5)

    // The network goes away in the commune: answer, and even reload the page, offline.
    await tablet.setOffline(true)
    await app.answerAndNext(0)
    await app.answerAndNext(0)
    await app.answerAndNext(1)
    expect((await app.position()).current).toBe(4)
    await page.reload()
    await app.byTest('q-progress').waitFor()
    expect((await app.position()).current).toBe(4)
    await app.byTest('q-prev').click()
    await expect.poll(() => page.locator('input[type=radio]:checked').getAttribute('data-testid')).toMatch(/^option-/)
    await app.byTest('q-next').click()

    for (let i = 4; i <= total; i++) await app.answerAndNext(0)
    await app.byTest('q-finish').click()
    await app.byTest('outbox-count').waitFor()
    await expect.poll(() => app.outboxCount()).toBe(1)
    // Nothing reached the server while offline.
    const db = new Database(server.dbFile, { readonly: true })
    const countStored = () => db.prepare('SELECT COUNT(*) FROM responses').pluck().get() as number
    expect(countStored()).toBe(0)

    // Back online: the queue sends by itself, exactly once.
    await tablet.setOffline(false)
    await expect.poll(() => app.outboxCount(), { timeout: 20_000 }).toBe(0)
    expect(countStored()).toBe(1)
    const row = db.prepare('SELECT id, unit_id, group_id, channel, body FROM responses').get() as {
      id: string
      unit_id: string
      group_id: string
      channel: string
      body: string
    }
    expect(row).toMatchObject({ unit_id: 'so-noi-vu', group_id: 'citizen', channel: 'field' })

    // The same response sent again (a retry after a lost acknowledgement) is stored once.
    const cookies = (await tablet.cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
    const resend = await fetch(`${server.url}/api/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies },
      body: JSON.stringify({ responses: [JSON.parse(row.body)] }),
    })
    expect(((await resend.json()) as { results: { status: string }[] }).results[0]!.status).toBe('duplicate')
    expect(countStored()).toBe(1)
    db.close()
    await tablet.close()

    // The analyst sees the response counted and the unit's survey points, computed by shared/.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
    const analystPage = await desk.newPage()
    const analyst = fieldApp(analystPage)
    await analystPage.goto(server.url)
    await analyst.logIn('analyst', server.logins.get('analyst')!)
    await analyst.byTest('nav-analysis').click()
    await analyst.byTest('analysis-survey').selectOption({ index: 0 })
    const surveyValue = await analyst.byTest('analysis-survey').inputValue()
    if (!surveyValue.includes('par-2026-department')) {
      const options = await analyst
        .byTest('analysis-survey')
        .locator('option')
        .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))
      await analyst.byTest('analysis-survey').selectOption(options.find((v) => v.includes('par-2026-department'))!)
    }
    await expect.poll(() => analyst.byTest('progress-so-noi-vu-citizen').textContent()).toContain('1')
    // Progress opens first; the scores are one tab further.
    await analyst.byTest('analysis-nav-scores').click()

    const scores = await fetch(`${server.url}/api/scores?surveyId=par-2026-department&version=1`, {
      headers: { cookie: (await desk.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    })
    const unit = (
      (await scores.json()) as { units: { unitId: string; surveyPointsRounded: number; responses: number }[] }
    ).units.find((u) => u.unitId === 'so-noi-vu')!
    expect(unit.responses).toBe(1)
    const shown = await analyst.byTest('score-row-so-noi-vu').getByTestId('score-points').textContent()
    expect(shown?.trim()).toBe(
      new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        unit.surveyPointsRounded,
      ),
    )
    await desk.close()
  })
})
