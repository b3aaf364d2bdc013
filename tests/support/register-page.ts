import type { Page } from 'playwright-core'
import { csvFile } from './e2e-suite.ts'
import { brokenRegister, registerCsv, registerPeople } from './register-fixture.ts'

/**
 * The admin's register page (Quản trị → Danh sách người được khảo sát) as a test drives it: pick the
 * survey, choose a file, read which rows the check refused, apply.
 */
export function registerPage(page: Page, baseUrl: string) {
  const byTest = (id: string) => page.getByTestId(id)
  return {
    /** Opens the page on `survey`'s first version, whose register is still empty. */
    async open(survey: string) {
      await page.goto(`${baseUrl}/admin/respondents`)
      await byTest('register-survey').selectOption(`${survey}@1`)
      await byTest('register-empty').waitFor()
    },
    /** Chooses the file and waits for the check's verdict: rows refused (`error`) or ready to apply (`notice`). */
    async choose(name: string, text: string, verdict: 'error' | 'notice') {
      await byTest('register-file').setInputFiles(csvFile(name, text))
      await page.locator(`[data-testid=register-summary].${verdict}`).waitFor()
    },
    /** The rows shown with an error. */
    refusedRows: () => page.locator('[data-testid=register-row]:not([data-errors=""])'),
    /** The file lines of the rows shown with an error. */
    refusedLines(): Promise<number[]> {
      return this.refusedRows().evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-line'))))
    },
    async apply() {
      await byTest('register-apply').click()
      await byTest('register-applied').waitFor()
    },
    /**
     * The office's first import: the 30-person list with its two bad rows is refused (returns the lines
     * shown), the corrected list is applied.
     */
    async importFixedAfterBroken(): Promise<number[]> {
      await this.choose('danh-sach.csv', brokenRegister().csv, 'error')
      const refused = await this.refusedLines()
      await this.choose('danh-sach-da-sua.csv', registerCsv(registerPeople()), 'notice')
      await this.apply()
      return refused
    },
  }
}
