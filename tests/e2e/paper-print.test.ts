import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Survey } from '@parsurvey/shared'
import type { Browser } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { logIn } from '../support/api-client.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import { fieldApp } from '../support/field-app.ts'
import { getSurvey } from '../support/field-fixtures.ts'
import type { ServerProcess } from '../support/server-process.ts'

/**
 * The admin's print panel ("In phiếu giấy"): numbered blank forms of one group and unit,
 * downloaded as a PDF whose text (pdftotext) holds the questions with their Vietnamese diacritics,
 * the unit and the serials asked for.
 */
const SURVEY = 'par-2026-department'
let server: ServerProcess
let browser: Browser
let survey: Survey
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})
beforeAll(async () => {
  const cookie = await logIn(server.url, 'admin', server.logins.get('admin')!)
  survey = await getSurvey(server.url, cookie, SURVEY, 1)
})

describe('the print panel', () => {
  it('downloads numbered forms as a PDF with the questions in Vietnamese', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      acceptDownloads: true,
    })
    const page = await context.newPage()
    const byTest = (id: string) => page.getByTestId(id)
    await page.goto(server.url)
    await fieldApp(page).logIn('admin', server.logins.get('admin')!)
    await page.goto(`${server.url}/admin/surveys`)
    await page.getByRole('heading', { name: 'In phiếu giấy' }).waitFor()

    const group = survey.groups[0]!
    const unit = survey.units[0]!
    await byTest('paper-survey').selectOption(`${SURVEY}@1`)
    await byTest('paper-group').selectOption(group.id)
    await byTest('paper-unit').selectOption(unit.id)
    await byTest('paper-from').fill('41')
    await byTest('paper-count').fill('2')
    const [download] = await Promise.all([page.waitForEvent('download'), byTest('paper-pdf').click()])
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-paper-'))
    const pdf = path.join(dir, 'forms.pdf')
    await download.saveAs(pdf)
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')

    // Every question of the group, as worded on screen, with its diacritics (a word or two may
    // wrap onto the next line, so the first words are what is compared).
    const asked = survey.questions.filter((q) => q.groups.includes(group.id))
    expect(asked.length).toBeGreaterThan(0)
    for (const q of asked) {
      const start = q.text.vi.split(/\s+/).slice(0, 4).join(' ')
      expect(text).toContain(start)
    }
    expect(text).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/)
    expect(text).toContain(unit.name.vi)
    expect(text).toContain('000041')
    expect(text).toContain('000042')
    expect(text).not.toContain('000043')
    fs.rmSync(dir, { recursive: true, force: true })
    await context.close()
  })
})
