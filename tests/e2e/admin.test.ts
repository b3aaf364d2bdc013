import {
  addDays,
  formatDate,
  generateResponses,
  vietnamDate,
  type Response,
  type Survey,
  type SurveySummary,
} from '@parsurvey/shared'
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { sendBatch } from '../support/api-client.ts'
import { csvFile, signIn, useDesk } from '../support/e2e-suite.ts'
import { fieldApp } from '../support/field-app.ts'
import { screenshotPath } from '../support/screenshots.ts'
import { repoRoot, type ServerProcess } from '../support/server-process.ts'

const SURVEY = 'par-2026-department'

let server: ServerProcess
let browser: Browser
let page: Page
let adminCookie: string
useDesk((desk) => ({ server, browser, page, cookie: adminCookie } = desk), {
  // A few responses about one department, so it has survey points to add the self-assessment to.
  async prepare(server) {
    const surveyor = await signIn(server, 'surveyor')
    const survey = (await (
      await fetch(`${server.url}/api/surveys/${SURVEY}/versions/1`, { headers: { cookie: surveyor } })
    ).json()) as Survey
    // One group that reaches its minimum cell, so the unit gets survey points.
    const group = [...survey.groups].sort((a, b) => a.minCell - b.minCell)[0]!
    const responses: Response[] = [...generateResponses(survey, 400, 'admin-e2e')]
      .filter((r) => r.groupId === group.id)
      .slice(0, 8)
      .map(({ paperSerial: _serial, ...r }) => ({ ...r, unitId: 'so-noi-vu', locationId: null, channel: 'field' }))
    expect(responses).toHaveLength(8)
    const reply = await sendBatch(server.url, surveyor, responses)
    expect(reply.results.every((r) => r.status === 'stored')).toBe(true)
  },
})

const byTest = (id: string) => page.getByTestId(id)
const api = async <T>(url: string, init: RequestInit = {}) => {
  const res = await fetch(`${server.url}${url}`, { ...init, headers: { cookie: adminCookie, ...init.headers } })
  return { status: res.status, json: (await res.json()) as T }
}

describe('administration in Chromium', () => {
  it('refuses a self-assessment file with an unknown unit, then applies a correct one and the totals follow', async () => {
    await page.goto(`${server.url}/admin/self-assessment`)
    await byTest('sa-survey').selectOption(`${SURVEY}@1`)
    await byTest('sa-file').setInputFiles(
      csvFile('tu-danh-gia-loi.csv', 'unitId,selfAssessment\nso-noi-vu,70.5\nso-khong-ton-tai,60\n'),
    )
    const rowError = page.locator('[data-testid=sa-row][data-error=self-assessment-unknown-unit]')
    await rowError.waitFor()
    expect(await rowError.getByTestId('sa-row-error').textContent()).toContain('so-khong-ton-tai')
    expect(await byTest('sa-apply').isDisabled()).toBe(true)
    await byTest('sa-summary').scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('self-assessment.png') })

    await byTest('sa-file').setInputFiles(
      csvFile('tu-danh-gia.csv', 'unitId,selfAssessment\nso-noi-vu,"70,5"\nso-tu-phap,68\n'),
    )
    await page.locator('[data-testid=sa-summary].notice').waitFor()
    await byTest('sa-apply').click()
    await byTest('sa-applied').waitFor()
    await expect.poll(() => page.locator('[data-testid=sa-history] tbody tr').count()).toBe(1)

    const { json } = await api<{
      units: {
        unitId: string
        responses: number
        surveyPoints: number
        selfAssessment: number | null
        total: number | null
      }[]
    }>(`/api/scores?surveyId=${SURVEY}&version=1`)
    const unit = json.units.find((u) => u.unitId === 'so-noi-vu')!
    expect(unit.responses).toBe(8)
    expect(unit.surveyPoints).toBeGreaterThan(0)
    expect(unit.selfAssessment).toBe(70.5)
    expect(unit.total).toBeCloseTo(Math.round((70.5 + unit.surveyPoints) * 100) / 100, 10)
  })

  it('points at the domain that does not add up, then imports bonus and penalty points the totals follow', async () => {
    const domains = ['1', '2', '3', '4', '5', '6', '7', '8']
    const header = `unitId,selfAssessment,${domains.map((d) => `domain:${d}`).join(',')}`
    await page.goto(`${server.url}/admin/self-assessment`)
    await byTest('sa-survey').selectOption(`${SURVEY}@1`)
    await byTest('sa-file').setInputFiles(csvFile('linh-vuc.csv', `${header}\nso-noi-vu,70.5,10,10,10,10,10,10,10,0\n`))
    const sumError = page.locator('[data-testid=sa-row][data-error=self-assessment-domains-sum]')
    await sumError.waitFor()
    expect(await sumError.getByTestId('sa-row-error').textContent()).toContain('70,5')

    await page.goto(`${server.url}/admin/adjustments`)
    await byTest('adj-survey').selectOption(`${SURVEY}@1`)
    await byTest('adj-file').setInputFiles(
      csvFile(
        'thuong-tru.csv',
        'unitId,points,reason\nso-noi-vu,1.5,Sáng kiến\nso-noi-vu,-0.25,\nSở-Nội-Vụ ,1,Khác\nso-noi-vu,1.5,sáng  kiến\n',
      ),
    )
    const missingReason = page.locator('[data-testid=adj-row][data-error=adjustments-missing-reason]')
    await missingReason.waitFor()
    expect(await missingReason.getByTestId('adj-row-error').textContent()).toContain('Thiếu lý do')
    // A unit written another way is refused with the spelling to use; a pasted-twice row is flagged.
    const spelling = page.locator('[data-testid=adj-row][data-error=score-inputs-unit-spelling]')
    expect(await spelling.getByTestId('adj-row-error').textContent()).toContain('Hãy sửa thành "so-noi-vu"')
    const repeated = page.locator('[data-testid=adj-row][data-warning=adjustments-repeated-row]')
    expect(await repeated.getByTestId('adj-row-warning').textContent()).toContain('lặp lại dòng 2')
    expect(await byTest('adj-apply').isDisabled()).toBe(true)
    await page.screenshot({ path: screenshotPath('adjustments.png') })

    await byTest('adj-file').setInputFiles(
      csvFile('thuong-tru.csv', 'unitId;points;reason\nso-noi-vu;1,5;Sáng kiến\nso-noi-vu;-0,25;Chậm báo cáo\n'),
    )
    await page.locator('[data-testid=adj-summary].notice').waitFor()
    await byTest('adj-apply').click()
    await byTest('adj-applied').waitFor()
    expect(await byTest('adj-current').textContent()).toContain('+1,25')
    await expect.poll(() => page.locator('[data-testid=adj-history] tbody tr').count()).toBe(1)
    const { json } = await api<{
      units: { unitId: string; surveyPoints: number; adjustments: number; total: number }[]
    }>(`/api/scores?surveyId=${SURVEY}&version=1`)
    const unit = json.units.find((u) => u.unitId === 'so-noi-vu')!
    expect(unit.adjustments).toBe(1.25)
    expect(unit.total).toBeCloseTo(Math.round((70.5 + unit.surveyPoints + 1.25) * 100) / 100, 10)

    // The scores page: class counts above the ranking, the adjustments and the rule per unit, the pack.
    await page.goto(`${server.url}/analysis/scores?survey=${SURVEY}@1`)
    const row = byTest('score-row-so-noi-vu')
    await row.waitFor()
    expect(await row.getByTestId('score-adjustments').textContent()).toContain('+1,25')
    expect(await row.getByTestId('score-adjustments').getAttribute('title')).toContain('Chậm báo cáo')
    expect(await byTest('class-counts').textContent()).toMatch(/\d+\/2/)
    expect(await byTest('missing-rule').textContent()).toContain('Quy tắc khi thiếu dữ liệu')
    await page.screenshot({ path: screenshotPath('scores-pack.png'), fullPage: true })
    for (const format of ['xlsx', 'docx']) {
      const href = (await byTest(`pack-${format}`).getAttribute('href'))!
      const download = await page.request.get(`${server.url}${href}`)
      expect(download.status()).toBe(200)
      expect((await download.body()).subarray(0, 2).toString()).toBe('PK')
    }
  })

  it('creates a supervisor with one unit, who can then log in elsewhere', async () => {
    await page.goto(`${server.url}/admin/accounts`)
    await byTest('account-username').fill('lan.giamsat')
    await byTest('account-role').selectOption('supervisor')
    // The form says what is missing, next to the field, before anything is sent.
    await byTest('account-create').click()
    await expect.poll(() => byTest('account-units').getAttribute('aria-describedby')).toMatch(/units-error/)
    await byTest('account-unit-so-noi-vu').check()
    await byTest('account-create').click()
    const password = (await byTest('generated-password').textContent())!.trim()
    expect(password.length).toBeGreaterThanOrEqual(10)
    expect(await byTest('account-row-lan.giamsat').textContent()).toContain('Sở Nội vụ')
    await page.screenshot({ path: screenshotPath('administration.png') })

    const other = await browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'vi-VN' })
    const tablet = await other.newPage()
    await tablet.goto(server.url)
    await fieldApp(tablet).logIn('lan.giamsat', password)
    await tablet.getByTestId('nav-quality').waitFor()
    expect(await tablet.getByTestId('nav-admin').count()).toBe(0)
    await other.close()
  })

  it('lists every issue of a broken survey file, then publishes a valid new version', async () => {
    const broken = fs.readFileSync(path.join(repoRoot, 'tests/fixtures/surveys/broken-references.yaml'), 'utf8')
    const expected = await api<{ issues: { path: string; message: string }[] }>('/api/surveys?dryRun=1', {
      method: 'POST',
      body: broken,
      headers: { 'content-type': 'application/yaml' },
    })
    expect(expected.status).toBe(422)
    expect(expected.json.issues.length).toBeGreaterThan(1)

    await page.goto(`${server.url}/admin/surveys`)
    await byTest('survey-file').setInputFiles({
      name: 'broken-references.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(broken),
    })
    await byTest('survey-issues').waitFor()
    const shown = await page.getByTestId('survey-issue').allTextContents()
    expect(shown).toHaveLength(expected.json.issues.length)
    // Each line is the message alone: its path once (inside it), never a bare "/" for the file as a whole.
    for (const [i, issue] of expected.json.issues.entries()) expect(shown[i]!.trim()).toBe(issue.message)
    expect(await byTest('survey-publish').count()).toBe(0)

    const next = fs
      .readFileSync(path.join(repoRoot, `surveys/${SURVEY}.yaml`), 'utf8')
      .replace(/^version: 1$/m, 'version: 2')
    await byTest('survey-file').setInputFiles({
      name: `${SURVEY}-v2.yaml`,
      mimeType: 'application/yaml',
      buffer: Buffer.from(next),
    })
    await byTest('survey-valid').waitFor()
    await byTest('survey-publish').click()
    await byTest('survey-published').waitFor()
    await byTest(`survey-row-${SURVEY}@2`).waitFor()
    // The new version downloads as a workbook (to edit for the next one).
    const href = await byTest(`survey-workbook-${SURVEY}@2`).getAttribute('href')
    expect(href).toBe(`/api/surveys/${SURVEY}/versions/2/workbook`)
    const workbook = await fetch(`${server.url}${href}`, { headers: { cookie: adminCookie } })
    expect(workbook.status).toBe(200)
    expect(workbook.headers.get('content-disposition')).toBe(`attachment; filename="${SURVEY}-v2.xlsx"`)

    // The round is set in the app for every version, whatever the file says.
    const today = vietnamDate(new Date())
    await byTest(`round-opens-${SURVEY}`).fill(formatDate(today))
    await byTest(`round-closes-${SURVEY}`).fill(formatDate(addDays(today, 30)))
    await byTest(`round-save-${SURVEY}`).click()
    await byTest(`round-saved-${SURVEY}`).waitFor()
    const listed = await api<{ surveys: SurveySummary[] }>('/api/surveys')
    for (const version of [1, 2])
      expect(listed.json.surveys.find((s) => s.id === SURVEY && s.version === version)!.round).toEqual({
        opens: today,
        closes: addDays(today, 30),
      })
  })

  it('issues a batch of access codes whose printable slips carry one QR code per code', async () => {
    await page.goto(`${server.url}/admin/codes`)
    await byTest('codes-survey').selectOption(`${SURVEY}@2`)
    await byTest('batch-unit').selectOption('so-tu-phap')
    await byTest('batch-group').selectOption('citizen')
    await byTest('batch-count').fill('3')
    // The expiry is typed day first, as every date in the app is written, and the note is kept.
    const expiry = addDays(vietnamDate(new Date()), 10)
    await byTest('batch-expires').fill(formatDate(expiry))
    await byTest('batch-note').fill('Phát tại hội trường xã')
    await byTest('batch-create').click()
    await byTest('batch-detail').waitFor()
    expect(await page.locator('[data-testid=batch-code][data-status=unused]').count()).toBe(3)
    expect(await byTest('batch-detail-note').textContent()).toContain('Phát tại hội trường xã')
    const table = byTest('batches-table')
    expect(await table.locator('thead').textContent()).not.toContain('không bắt buộc')
    const row = byTest(`batch-row-${await byTest('batch-detail').getAttribute('data-batch-id')}`)
    expect(await row.textContent()).toContain(`${formatDate(expiry)} 23:59`)
    expect(await row.locator('[data-testid=batch-note-cell]').textContent()).toBe('Phát tại hội trường xã')

    const [slips] = await Promise.all([page.context().waitForEvent('page'), byTest('batch-slips').click()])
    await slips.waitForLoadState()
    expect(await slips.locator('.slip .qr svg').count()).toBe(3)
    await slips.close()
  })

  it('shows these actions in the audit log, with what changed', async () => {
    await page.goto(`${server.url}/admin/audit`)
    await byTest('audit-table').waitFor()
    for (const action of [
      'self-assessment-apply',
      'user-create',
      'survey-publish',
      'survey-round-set',
      'code-batch-create',
      'code-batch-reveal',
    ]) {
      await page.locator(`[data-testid=audit-entry][data-action=${action}]`).first().waitFor()
    }
    const created = page.locator('[data-testid=audit-entry][data-action=user-create]')
    expect(await created.textContent()).toContain('lan.giamsat')
    expect(await created.textContent()).toContain('supervisor')
  })
})
